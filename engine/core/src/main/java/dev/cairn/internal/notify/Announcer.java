package dev.cairn.internal.notify;

import dev.cairn.db.Notification;
import dev.cairn.db.Store;
import dev.cairn.internal.completion.Channels;
import dev.cairn.internal.concurrent.DaemonThread;
import dev.cairn.internal.concurrent.Wakeup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes what this node's commits did that they may be waiting for: events were appended (their
 * subscriptions look) and runs finished (their waiters wake). This node's own subscriptions and waiters were woken in
 * process, and a node ignores its own announcements.
 *
 * <p>Announcements are sent after the commits, from a thread of their own, at most one statement per
 * {@code spacing}: the first after a quiet spell goes at once, later ones are gathered into the next. A NOTIFY inside
 * each trigger, claim and completion made every run pay for it (PostgreSQL serialises the commits of notifying
 * transactions and wakes every listening backend; the two notifications of a single-step run cost it ~0.25 ms of its
 * ~2.7 at p50, BENCHMARKS.md). So another node hears of a finished run up to {@code spacing} later while this one is
 * busy, and not at all if this node dies between its commit and the announcement: its waiters and subscriptions then
 * find out at their poll interval, as after any lost notification.
 */
public final class Announcer {
  /** PostgreSQL refuses notification payloads of 8000 bytes or more; 150 ids take 5550. */
  private static final int RUN_IDS_PER_NOTIFICATION = 150;
  private static final Logger log = LoggerFactory.getLogger(Announcer.class);
  private static final long IDLE_MILLIS = 1_000;

  private final Store store;
  private final Channels channels;
  private final long spacingNanos;
  private final Wakeup announced = new Wakeup();
  private final Wakeup stopping = new Wakeup();
  private final DaemonThread thread = new DaemonThread("cairn-announcer");
  private final Object lock = new Object();
  /** Guarded by {@link #lock}: what is still to be sent. */
  private boolean eventsAppended;
  private Set<UUID> finishedRuns = new LinkedHashSet<>();

  /**
   * @param spacing the least time between two announcements (real time: a pause between messages, not a time of the
   *     engine's; with a test's clock standing still they must still go out)
   */
  public Announcer(Store store, Channels channels, Duration spacing) {
    this.store = store;
    this.channels = channels;
    this.spacingNanos = spacing.toNanos();
  }

  /** Events were appended to some run logs in a commit of this node. */
  public void eventsAppended() {
    synchronized (lock) {
      eventsAppended = true;
    }
    announced.signal();
  }

  /** These runs finished in a commit of this node (it appended their final events, too). */
  public void runsFinished(Collection<UUID> runIds) {
    synchronized (lock) {
      eventsAppended = true;
      finishedRuns.addAll(runIds);
    }
    announced.signal();
  }

  public void start() {
    thread.start(this::loop);
  }

  /** Sends what is still to be announced, then stops; call it after the last commit of this node. */
  public void stop() {
    thread.stop(() -> {
      stopping.signal();
      announced.signal();
    }, Duration.ofSeconds(5));
  }

  private void loop() {
    long sentAt = System.nanoTime() - spacingNanos;
    try {
      while (thread.running()) {
        announced.await(IDLE_MILLIS);
        long quiet = sentAt + spacingNanos - System.nanoTime();
        if (quiet > 0) {
          stopping.await(TimeUnit.NANOSECONDS.toMillis(quiet) + 1); // returns early only when the node stops
        }
        if (sendPending()) {
          sentAt = System.nanoTime();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sendPending();
  }

  /** Sends what was announced since the last time, if anything; false if there was nothing. */
  private boolean sendPending() {
    List<Notification> notifications = take();
    if (notifications.isEmpty()) {
      return false;
    }
    try {
      store.notificationSendAll(notifications);
    } catch (RuntimeException e) {
      // The other nodes fall back to their poll interval, as for any notification lost.
      log.warn("announcing {} notification(s) to the other nodes failed: {}", notifications.size(), e.toString());
    }
    return true;
  }

  private List<Notification> take() {
    boolean events;
    List<UUID> finished;
    synchronized (lock) {
      events = eventsAppended;
      finished = new ArrayList<>(finishedRuns);
      eventsAppended = false;
      finishedRuns = new LinkedHashSet<>();
    }
    List<Notification> notifications = new ArrayList<>();
    if (events) {
      notifications.add(new Notification(channels.events(), channels.sender()));
    }
    for (int from = 0; from < finished.size(); from += RUN_IDS_PER_NOTIFICATION) {
      notifications.add(new Notification(channels.runs(), channels.finishedPayload(
          finished.subList(from, Math.min(finished.size(), from + RUN_IDS_PER_NOTIFICATION)))));
    }
    return notifications;
  }
}
