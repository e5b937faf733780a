package dev.cairn.internal.metrics;

import dev.cairn.CairnClock;
import dev.cairn.db.GaugeRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges that need SQL: {@code cairn.queue.depth} and {@code cairn.queue.oldest.age} per workflow, and
 * {@code cairn.runs.unfinished} per status (QUEUED, RUNNING), all from one statement.
 *
 * <p>Cost: nothing is read on a timer. A gauge's value is computed when the registry is read (a Prometheus scrape, a
 * user's registry publishing), and the first gauge read after {@link #MAX_AGE} has passed since the last read of
 * the database runs the one statement; every other gauge of that scrape, and every scrape within {@link #MAX_AGE},
 * answers from that snapshot. So an engine nobody scrapes issues no query for them, and one scraped every 15 s
 * issues one every 15 s, however many workflows there are. A workflow seen for the first time gets its gauges at
 * that refresh (they appear from the next scrape) and keeps them, at 0 once it has nothing queued. Thread-safe:
 * one reader refreshes at a time; the others use the snapshot they find.
 */
final class QueueGauges {
  /** How long a snapshot answers before a read refreshes it. */
  static final Duration MAX_AGE = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

  private record Snapshot(long readAtNanos, Map<String, Long> queued, Map<String, Instant> oldest,
      Map<String, Long> runs) {}

  private final MeterRegistry registry;
  private final Supplier<List<GaugeRow>> read;
  private final CairnClock clock;
  private final LongSupplier nanos;
  private final ReentrantLock refreshing = new ReentrantLock();
  private final Set<String> workflows = ConcurrentHashMap.newKeySet();
  private volatile Snapshot snapshot;

  /**
   * @param known workflows whose gauges exist from the start (this node's own), at 0 until something is queued
   * @param nanos a monotonic tick in nanoseconds (how old a snapshot is); ages are on the engine's clock
   */
  QueueGauges(MeterRegistry registry, Supplier<List<GaugeRow>> read, CairnClock clock, LongSupplier nanos,
      Collection<String> known) {
    this.registry = registry;
    this.read = read;
    this.clock = clock;
    this.nanos = nanos;
    for (String status : List.of("QUEUED", "RUNNING")) {
      Gauge.builder("cairn.runs.unfinished", this, gauges -> gauges.current().runs().getOrDefault(status, 0L))
          .tag("status", status).description("runs not final, by status, across all nodes").strongReference(true)
          .register(registry);
    }
    known.forEach(this::registerWorkflow);
  }

  private Snapshot current() {
    Snapshot seen = snapshot;
    if ((seen == null || nanos.getAsLong() - seen.readAtNanos() >= MAX_AGE.toNanos()) && refreshing.tryLock()) {
      try {
        seen = snapshot;
        if (seen == null || nanos.getAsLong() - seen.readAtNanos() >= MAX_AGE.toNanos()) {
          seen = refresh();
        }
      } finally {
        refreshing.unlock();
      }
    }
    return seen == null ? new Snapshot(0, Map.of(), Map.of(), Map.of()) : seen;
  }

  private Snapshot refresh() {
    Snapshot fresh;
    try {
      List<GaugeRow> rows = read.get();
      fresh = new Snapshot(nanos.getAsLong(),
          rows.stream().filter(row -> row.part().equals("queue")).collect(Collectors.toMap(GaugeRow::name,
              GaugeRow::count)),
          rows.stream().filter(row -> row.part().equals("queue") && row.since() != null)
              .collect(Collectors.toMap(GaugeRow::name, GaugeRow::since)),
          rows.stream().filter(row -> row.part().equals("runs")).collect(Collectors.toMap(GaugeRow::name,
              GaugeRow::count)));
    } catch (RuntimeException e) {
      log.warn("reading the queue gauges failed, keeping the last values: {}", e.toString());
      Snapshot last = snapshot;
      fresh = new Snapshot(nanos.getAsLong(), last == null ? Map.of() : last.queued(),
          last == null ? Map.of() : last.oldest(), last == null ? Map.of() : last.runs());
    }
    snapshot = fresh;
    fresh.queued().keySet().forEach(this::registerWorkflow);
    return fresh;
  }

  private void registerWorkflow(String workflow) {
    if (!workflows.add(workflow)) {
      return;
    }
    Gauge.builder("cairn.queue.depth", this, gauges -> gauges.current().queued().getOrDefault(workflow, 0L))
        .tag("workflow", workflow).description("steps queued, across all nodes").strongReference(true)
        .register(registry);
    Gauge.builder("cairn.queue.oldest.age", this, gauges -> gauges.age(workflow)).tag("workflow", workflow)
        .baseUnit("seconds").description("how long the longest-waiting runnable queued step has waited")
        .strongReference(true)
        .register(registry);
  }

  private double age(String workflow) {
    Instant since = current().oldest().get(workflow);
    return since == null ? 0 : Math.max(0, Duration.between(since, clock.now()).toNanos() / 1e9);
  }
}
