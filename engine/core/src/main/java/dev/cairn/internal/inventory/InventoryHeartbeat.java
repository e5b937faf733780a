package dev.cairn.internal.inventory;

import dev.cairn.internal.service.BackgroundLoop;

/**
 * Keeps the inventory row of this node's own slots fresh: every third of {@link WorkerInventory#REFRESH} it asks the
 * inventory for a heartbeat write, which writes only once the refresh interval has passed on the engine's clock (one
 * statement per interval on an idle node). Remote workers' rows are refreshed by their own heartbeats.
 */
public final class InventoryHeartbeat extends BackgroundLoop {
  private final WorkerInventory inventory;
  private final String sessionId;

  public InventoryHeartbeat(WorkerInventory inventory, String sessionId) {
    super("cairn-inventory-heartbeat", WorkerInventory.REFRESH.dividedBy(3));
    this.inventory = inventory;
    this.sessionId = sessionId;
  }

  @Override
  public void runOnce() {
    inventory.heartbeat(sessionId);
  }
}
