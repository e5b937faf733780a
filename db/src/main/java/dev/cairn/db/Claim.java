package dev.cairn.db;

import java.util.Collection;
import java.util.List;

/**
 * Who claims steps and which: the workflows and definition fingerprints it serves, the worker-label signatures it
 * meets, how many steps it takes at most, and whom the leases go to.
 *
 * @param labelSigs signatures of label requirements the claimer meets (steps with another signature are not taken)
 * @param holder the lease holder written on each claimed step ("node/..." or "token id/worker id")
 */
public record Claim(Collection<String> workflowNames, Collection<String> fingerprints, Collection<String> labelSigs,
    int limit, String workerId, String holder, long leaseMillis, String eventsChannel) {
  public Claim {
    workflowNames = List.copyOf(workflowNames);
    fingerprints = List.copyOf(fingerprints);
    labelSigs = List.copyOf(labelSigs);
  }
}
