package dev.cairn.internal.dispatch;

import dev.cairn.internal.service.BackgroundLoop;
import java.time.Duration;

/**
 * Renews the leases of the attempts running on this node's own slots every third of the lease term (a remote
 * worker's leases are renewed on its heartbeats instead); the tracker stops the attempts whose lease was lost.
 */
public final class LeaseKeeper extends BackgroundLoop {
  private final AttemptTracker tracker;
  private final SlotPool slots;

  public LeaseKeeper(AttemptTracker tracker, SlotPool slots, Duration lease) {
    super("cairn-lease-keeper", lease.dividedBy(3));
    this.tracker = tracker;
    this.slots = slots;
  }

  @Override
  public void runOnce() {
    tracker.renew(slots);
  }
}
