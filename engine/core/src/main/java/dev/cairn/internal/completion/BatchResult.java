package dev.cairn.internal.completion;

import dev.cairn.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What one committed batch changed, for the signals sent after the commit. Not thread-safe. */
final class BatchResult {
  final Set<StepOutcome> accepted = Collections.newSetFromMap(new IdentityHashMap<>());
  final Map<UUID, RunStatus> finishedRuns = new LinkedHashMap<>();
  final Map<UUID, String> workflowOfRun = new LinkedHashMap<>();
  /**
   * The output JSON of the terminal step of runs that succeeded here, when that step's result was written here too:
   * a waiter on this node returns it without reading the run.
   */
  final Map<UUID, String> outputs = new LinkedHashMap<>();
  final List<Long> retryDelaysMillis = new ArrayList<>();
  /** Parent steps of child runs that finished here: woken after the commit. */
  final List<StepOutcome.Wake> parentsToWake = new ArrayList<>();
  /** Steps that went WAITING with a wake time: woken locally when it comes. */
  final Map<Long, StepOutcome.Wake> wakeAt = new LinkedHashMap<>();
  final Map<Long, Instant> wakeTimes = new LinkedHashMap<>();
  /** Steps cancelled here, with their attempt then: those attempts are interrupted where they run. */
  final Map<Long, Integer> cancelledAttempts = new LinkedHashMap<>();
  int stepsQueued;
  /** Concurrency keys were given back here: steps waiting for them may be admitted now. */
  boolean keysReleased;
  /** The concurrency keys that got units back here. */
  final List<Long> freedKeys = new ArrayList<>();
  /** The runs of the steps queued here (the fast path leases from these). */
  final Set<UUID> runsQueued = new LinkedHashSet<>();
  /** The run of each lease taken back here. */
  final List<UUID> expiredLeaseRuns = new ArrayList<>();
}
