package dev.cairn.cli;

import dev.cairn.RunEvent;
import dev.cairn.RunView;
import dev.cairn.Subscription;
import dev.cairn.client.CairnClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows one run until it ends: a GetRun snapshot, then its WatchRun stream, with a new snapshot after each burst
 * of lifecycle events. When the connection drops it reconnects (backoff 200 ms doubling to 5 s) and resumes the
 * stream after the last event it received, so no event is shown twice or missed; it gives up when the server has
 * been unreachable for the configured time. Used by one thread.
 */
final class RunWatcher {
  static final Duration TICK = Duration.ofMillis(500);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** The statuses after which the stream is resumed rather than the watch failed. */
  private static final Set<Status.Code> TRANSIENT = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
      Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.CANCELLED, Status.Code.ABORTED);

  private final CairnClient client;
  private final UUID runId;
  private final WatchView view;
  private final Duration giveUpAfter;
  private long afterSeq;

  /** The end of a stream: null when it completed, else why it broke. */
  private record End(Throwable error) {}

  RunWatcher(CairnClient client, UUID runId, WatchView view, Duration giveUpAfter) {
    this.client = client;
    this.runId = runId;
    this.view = view;
    this.giveUpAfter = giveUpAfter;
  }

  /** Shows the run until it is final and returns its final snapshot. */
  RunView watch() throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    long lostSince = 0;
    while (true) {
      try {
        view.update(client.getRun(runId));
        backoff = FIRST_BACKOFF;
        lostSince = 0;
        RunView finalRun = follow();
        view.finished(finalRun);
        return finalRun;
      } catch (RuntimeException e) {
        StatusRuntimeException status = Failures.status(e);
        if (status == null || !TRANSIENT.contains(status.getStatus().getCode())) {
          throw e;
        }
        long now = System.nanoTime();
        lostSince = lostSince == 0 ? now : lostSince;
        if (now - lostSince > giveUpAfter.toNanos()) {
          throw new CliException(ExitCodes.UNAVAILABLE, "gave up watching run " + runId + " after the server was"
              + " unreachable for " + giveUpAfter + ": " + Failures.describe(status.getStatus()), e);
        }
        view.reconnecting(Failures.describe(status.getStatus()), afterSeq);
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /** One stream from {@link #afterSeq} to its end; throws what broke it. */
  private RunView follow() throws InterruptedException {
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    try (Subscription stream = client.watch(runId, afterSeq, queue::add, error -> queue.add(new End(error)))) {
      boolean stale = false;
      while (true) {
        Object item = queue.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
          view.tick();
        } else if (item instanceof RunEvent event) {
          if (event.seq() > afterSeq) {
            afterSeq = event.seq();
            view.event(event);
            stale |= event.type().startsWith("RUN_") || event.type().startsWith("STEP_");
          }
        } else {
          End end = (End) item;
          if (end.error() != null) {
            throw end.error() instanceof RuntimeException runtime ? runtime : new IllegalStateException(end.error());
          }
          // The stream can end right behind the run's last events, before a snapshot was taken for them: the final
          // snapshot's changes (the last steps' ends, the progress) are shown before the summary all the same.
          RunView last = client.getRun(runId);
          view.update(last);
          view.settled();
          return last;
        }
        if (queue.isEmpty()) {
          if (stale) {
            view.update(client.getRun(runId));
            stale = false;
          }
          view.settled();
        }
      }
    }
  }
}
