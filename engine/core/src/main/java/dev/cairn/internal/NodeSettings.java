package dev.cairn.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * How one engine node runs.
 *
 * @param workerSlots attempts this node runs at once on its own threads
 * @param lease how long a claimed attempt stays leased without renewal
 * @param pollInterval the slow fallback of every wake-up
 * @param sweepInterval how often sweepers look for expired leases and schedule deadlines
 * @param maxLeaseExpiries expired leases after which a step fails
 * @param shutdownTimeout how long running attempts may finish when the node closes
 * @param eventLookback how long before a wait was registered a pushed event still counts
 * @param labels the worker labels of this node's own slots (steps requiring other labels are left to workers)
 * @param retention how long finished runs are kept by default (Workflows.KEEP_FOREVER: forever)
 */
public record NodeSettings(String nodeId, int workerSlots, Duration lease, Duration pollInterval,
    Duration sweepInterval, int maxLeaseExpiries, Duration shutdownTimeout, Duration eventLookback,
    Map<String, String> labels, Duration retention) {
  public NodeSettings {
    labels = Map.copyOf(labels);
  }

  /** This machine's host name as the inventory shows it; empty when it cannot be found. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
