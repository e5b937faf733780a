package dev.cairn.internal.dispatch;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.Store;
import dev.cairn.internal.service.BackgroundLoop;
import java.time.Duration;
import dev.cairn.db.Renewal;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the leases of the attempts running on this node every third of the lease term, in one statement, and
 * interrupts the attempts whose lease was taken back (see the package documentation).
 */
public final class LeaseKeeper extends BackgroundLoop {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
  private final Store store;
  private final Dispatcher dispatcher;
  private final Duration lease;

  public LeaseKeeper(Store store, Dispatcher dispatcher, Duration lease) {
    super("cairn-lease-keeper", lease.dividedBy(3));
    this.store = store;
    this.dispatcher = dispatcher;
    this.lease = lease;
  }

  @Override
  public void runOnce() {
    List<Attempt> running = dispatcher.inFlight().stream().filter(attempt -> !attempt.isReported()).toList();
    if (running.isEmpty()) {
      return;
    }
    List<AttemptRef> refs = running.stream().map(Attempt::ref).toList();
    Map<Long, Renewal> renewals = store.stepRenewLeaseAll(refs, lease.toMillis());
    for (Attempt attempt : running) {
      // BUSY (the row was locked by the attempt's own durable operation or result) is not a lost lease.
      if (renewals.get(attempt.claimed.id()) == Renewal.LOST && !attempt.isReported() && attempt.claimReport()) {
        log.warn("{} lost its lease (taken back after it expired); interrupting it", attempt);
        attempt.interrupt();
      }
    }
  }
}
