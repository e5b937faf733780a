package dev.cairn.internal.runs;

import dev.cairn.CairnException;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for runs to finish. Woken by this node's completer and by notifications from other nodes; re-reads
 * the run every {@code recheck} as a fallback, so a lost notification costs latency, never a hang. Thread-safe.
 */
public final class RunWaiters {
  private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
  private final RunReader reader;
  private final Duration recheck;

  public RunWaiters(RunReader reader, Duration recheck) {
    this.reader = reader;
    this.recheck = recheck;
  }

  public void finished(Collection<UUID> runIds) {
    for (UUID id : runIds) {
      CompletableFuture<Void> waiter = waiting.remove(id);
      if (waiter != null) {
        waiter.complete(null);
      }
    }
  }

  /** Wakes every waiter to re-read its run (after notifications may have been missed). */
  public void wakeAll() {
    finished(waiting.keySet());
  }

  /**
   * Returns the run once final.
   *
   * @throws CairnException if it is not final within {@code timeout}, or does not exist
   */
  public RunView await(UUID runId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean woken = false;
    while (true) {
      CompletableFuture<Void> waiter = waiting.computeIfAbsent(runId, id -> new CompletableFuture<>());
      RunStatus status;
      if (woken) {
        // Most likely finished: read it whole at once.
        RunView run = reader.get(runId);
        if (run.status().isFinal()) {
          return run;
        }
        status = run.status();
      } else {
        status = reader.status(runId).orElseThrow(() -> new CairnException("no run with id " + runId));
        if (status.isFinal()) {
          return reader.get(runId);
        }
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new CairnException("run " + runId + " is still " + status + " after " + timeout);
      }
      try {
        waiter.get(Math.min(remaining, recheck.toNanos()), TimeUnit.NANOSECONDS);
        woken = true;
      } catch (TimeoutException e) {
        woken = false;
        waiting.remove(runId, waiter);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CairnException("interrupted while waiting for run " + runId, e);
      }
    }
  }
}
