package dev.cairn.fault;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the schedule did and when, in wall-clock time (the same clock as the database's on this machine, so the
 * entries line up with the execution log and the engine's timestamps). Thread-safe.
 */
final class FaultLog {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private record Entry(Instant at, String kind, String description) {}

  private final List<Entry> entries = new ArrayList<>();

  /** A fault injected; {@code kind} is counted. */
  synchronized void fault(String kind, String description) {
    entries.add(new Entry(Instant.now(), kind, description));
    System.out.println("[fault " + TIME.format(Instant.now()) + "] " + description);
  }

  /** Something else worth seeing beside the faults (a recovery, a process that died on its own). */
  synchronized void note(String description) {
    fault("", description);
  }

  /** How many faults of each kind were injected. */
  synchronized Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    entries.stream().filter(entry -> !entry.kind().isEmpty())
        .forEach(entry -> counts.merge(entry.kind(), 1, Integer::sum));
    return counts;
  }

  synchronized int faults() {
    return counts().values().stream().mapToInt(Integer::intValue).sum();
  }

  synchronized List<String> lines() {
    return entries.stream().map(entry -> TIME.format(entry.at()) + "  " + entry.description()).toList();
  }
}
