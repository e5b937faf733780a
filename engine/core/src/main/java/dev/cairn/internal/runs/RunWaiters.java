package dev.cairn.internal.runs;

import dev.cairn.CairnException;
import dev.cairn.NotFoundException;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for runs to finish. Woken by this node's completer and by notifications from other nodes; re-reads
 * the run every {@code recheck} as a fallback, so a lost notification costs latency, never a hang. Thread-safe.
 *
 * <p>Runs triggered on this node are expected: they get a future before their insert, which their end completes, so
 * waiting for one needs no first read of its status (a trigger-and-wait reads the run once, when it has ended). When
 * this node's completer ended it with its terminal step's output at hand, the future carries that output, and
 * waiting for the run's result reads nothing at all. The most recent {@link #MAX_EXPECTED} are kept; an older one is
 * waited for like any run.
 */
public final class RunWaiters {
  /** Most expected runs kept. */
  static final int MAX_EXPECTED = 16_384;
  private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
  private final Map<UUID, CompletableFuture<End>> expected = Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, CompletableFuture<End>> eldest) {
          return size() > MAX_EXPECTED;
        }
      });
  private final RunReader reader;
  private final Duration recheck;

  public RunWaiters(RunReader reader, Duration recheck) {
    this.reader = reader;
    this.recheck = recheck;
  }

  /** Runs about to be inserted by this node: their end is remembered until they are waited for. */
  public void expect(Collection<UUID> runIds) {
    for (UUID id : runIds) {
      expected.put(id, new CompletableFuture<>());
    }
  }

  /** The runs ended (on another node, or here without their output at hand). */
  public void finished(Collection<UUID> runIds) {
    finished(runIds, Map.of());
  }

  /** The runs ended; {@code outputs} has the terminal step's output JSON of those that succeeded with it known. */
  public void finished(Collection<UUID> runIds, Map<UUID, String> outputs) {
    for (UUID id : runIds) {
      CompletableFuture<Void> waiter = waiting.remove(id);
      if (waiter != null) {
        waiter.complete(null);
      }
      CompletableFuture<End> expectation = expected.get(id);
      if (expectation != null) {
        expectation.complete(new End(outputs.get(id)));
      }
    }
  }

  /**
   * The output JSON of a run's terminal step once it has succeeded, if this node expected the run and its completer
   * ended it with that output at hand; otherwise the run as {@link #await} returns it.
   *
   * @throws CairnException if it is not final within {@code timeout}, or does not exist
   */
  public Ended awaitOutput(UUID runId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<End> end = awaitExpected(runId, deadline);
    if (end.isPresent() && end.get().outputJson() != null) {
      return new Ended(end.get().outputJson(), null);
    }
    RunView run = awaitAtMost(runId, deadline, end.isPresent());
    if (!run.status().isFinal()) {
      throw new CairnException("run " + runId + " is still " + run.status() + " after " + timeout);
    }
    return new Ended(null, run);
  }

  /** What {@link #awaitOutput} found: the output JSON, or else the run read whole. */
  public record Ended(String outputJson, RunView run) {}

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
    RunView run = awaitAtMost(runId, timeout);
    if (!run.status().isFinal()) {
      throw new CairnException("run " + runId + " is still " + run.status() + " after " + timeout);
    }
    return run;
  }

  /**
   * Returns the run once final, or as it is when {@code timeout} has passed.
   *
   * @throws NotFoundException if it does not exist
   */
  public RunView awaitAtMost(UUID runId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return awaitAtMost(runId, deadline, awaitExpected(runId, deadline).isPresent());
  }

  private RunView awaitAtMost(UUID runId, long deadline, boolean woken) {
    while (true) {
      CompletableFuture<Void> waiter = waiting.computeIfAbsent(runId, id -> new CompletableFuture<>());
      if (woken) {
        // Most likely finished: read it whole at once.
        RunView run = reader.get(runId);
        if (run.status().isFinal() || deadline - System.nanoTime() <= 0) {
          waiting.remove(runId, waiter);
          return run;
        }
      } else {
        RunStatus status = reader.status(runId).orElseThrow(() -> new NotFoundException("no run with id " + runId));
        if (status.isFinal() || deadline - System.nanoTime() <= 0) {
          waiting.remove(runId, waiter);
          return reader.get(runId);
        }
      }
      try {
        waiter.get(Math.max(0, Math.min(deadline - System.nanoTime(), recheck.toNanos())), TimeUnit.NANOSECONDS);
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

  /** An expected run's end: the terminal step's output JSON when this node ended it with that at hand, else null. */
  private record End(String outputJson) {}

  /**
   * Waits (up to one recheck) for the end of a run this node expects: present if it ended (read it, unless the end
   * carries its output), empty if it is not expected or not known to have ended (read its status).
   */
  private Optional<End> awaitExpected(UUID runId, long deadline) {
    CompletableFuture<End> expectation = expected.get(runId);
    if (expectation == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(expectation.get(Math.max(0, Math.min(deadline - System.nanoTime(), recheck.toNanos())),
          TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CairnException("interrupted while waiting for run " + runId, e);
    } finally {
      expected.remove(runId, expectation); // waited for once: a second wait reads the run
    }
  }
}
