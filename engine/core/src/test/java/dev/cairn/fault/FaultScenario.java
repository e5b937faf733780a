package dev.cairn.fault;

import dev.cairn.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One fault-injection run, end to end: start the cluster; a quiet phase (a few runs, no faults) that must finish
 * without any lease lost; then runs triggered at a steady pace while the {@link FaultSchedule} injects faults;
 * then every fault undone, the survivors left to finish everything, and the {@link Audit}. Returns the
 * violations and a report (also written to {@code target/fault-reports/}).
 */
final class FaultScenario {
  static final String QUIET = "quiet";
  static final String FAULTED = "faulted";
  private static final int SHOWN_PER_CHECK = 25;
  private static final Duration POLL = Duration.ofMillis(250);

  /** Sizes and pressure; {@code drainWithin}: how long the survivors get to finish after the faults. */
  record Settings(Cluster.Sizing sizing, FaultSchedule.Pressure pressure, int quietRuns, int runs,
      Duration drainWithin) {}

  /** What one run found; {@code reportFile} holds the whole report. */
  record Outcome(long seed, Map<String, List<String>> violations, Path reportFile) {
    boolean clean() {
      return violations.values().stream().allMatch(List::isEmpty);
    }

    /** The failed checks with their first violations, for an assertion message. */
    String summary() {
      List<String> lines = new ArrayList<>(List.of("fault injection with seed " + seed + " found violations"
          + " (whole report above and in " + reportFile.toAbsolutePath() + "):"));
      violations.forEach((check, found) -> {
        if (!found.isEmpty()) {
          lines.add("FAIL " + check + ": " + found.size() + " violations, e.g.");
          found.stream().limit(3).forEach(violation -> lines.add("    " + violation));
        }
      });
      return String.join("\n", lines);
    }
  }

  private FaultScenario() {}

  static Outcome run(Settings settings) throws Exception {
    long seed = settings.pressure().seed();
    System.out.println("fault injection: seed " + seed + " (replay with -Dcairn.fault.seed=" + seed + ")");
    Path directory = Files.createDirectories(Path.of("target", "fault-pg")).resolve("seed-" + seed + "-"
        + System.currentTimeMillis());
    long started = System.nanoTime();
    Outcome outcome;
    try (Cluster cluster = Cluster.start(directory, settings.sizing())) {
      outcome = exercise(cluster, settings, started);
    }
    if (outcome.clean()) {
      // Nothing to inspect, and each run's data directory takes some 50 MB.
      deleteRecursively(directory);
    }
    return outcome;
  }

  private static Outcome exercise(Cluster cluster, Settings settings, long started) throws Exception {
    FaultLog faults = new FaultLog();
    faults.note("cluster up " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s after the start");
    Load load = new Load(cluster.control());
    load.triggerNow(QUIET, 0, settings.quietRuns());
    Await.until("the quiet runs finish", Duration.ofSeconds(60), POLL, () -> unfinished(cluster) == 0);
    faults.note("quiet phase done: " + settings.quietRuns() + " runs finished without faults");
    load.triggerPaced(FAULTED, settings.quietRuns(), settings.runs(),
        settings.pressure().length().multipliedBy(4).dividedBy(5));
    new FaultSchedule(cluster, settings.pressure(), settings.sizing().lease(), faults).run();
    load.finish();
    faults.note(drain(cluster, settings.drainWithin()));
    Map<String, List<String>> violations;
    List<String> statistics;
    try (Connection connection = cluster.connect()) {
      Audit audit = new Audit(connection);
      violations = audit.check(settings.quietRuns() + settings.runs(), QUIET);
      statistics = audit.statistics();
    }
    Findings findings = new Findings(Duration.ofNanos(System.nanoTime() - started), faults, statistics, violations,
        LogSummary.of(cluster.members()), cluster.postgres().logFile());
    long seed = settings.pressure().seed();
    Path file = Files.createDirectories(Path.of("target", "fault-reports")).resolve("fault-" + seed + ".txt");
    Files.writeString(file, report(settings, findings, Integer.MAX_VALUE));
    System.out.println(report(settings, findings, SHOWN_PER_CHECK));
    return new Outcome(seed, violations, file);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Waits for every run to be final; says how long it took, or which runs are still unfinished. */
  private static String drain(Cluster cluster, Duration within) {
    long started = System.nanoTime();
    try {
      Await.until("every run is final", within, POLL, () -> unfinished(cluster) == 0);
      return "every run final " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after the faults";
    } catch (AssertionError timedOut) {
      // Not thrown: the audit reports the unfinished runs with their steps, which says more.
      return "STUCK: " + unfinished(cluster) + " runs still unfinished " + within.toSeconds() + " s after the faults";
    }
  }

  private static long unfinished(Cluster cluster) {
    try (Connection connection = cluster.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + Cluster.SCHEMA
            + ".runs WHERE status IN ('QUEUED', 'RUNNING')")) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException databaseNotBackYet) {
      return -1;
    }
  }

  /** What a run found, for its report. */
  private record Findings(Duration took, FaultLog faults, List<String> statistics,
      Map<String, List<String>> violations, List<String> logs, Path postgresLog) {}

  /** The report; {@code shownPerCheck} violations of each check are listed (the file lists them all). */
  private static String report(Settings settings, Findings findings, int shownPerCheck) {
    List<String> lines = new ArrayList<>();
    Duration took = findings.took();
    FaultLog faults = findings.faults();
    Cluster.Sizing sizing = settings.sizing();
    lines.add("==== fault injection report, seed " + settings.pressure().seed() + " ====");
    lines.add("took " + took.toSeconds() + " s: " + sizing.nodes() + " engine nodes" + (sizing.serverNode()
        ? " (the last one CairnServer)" : "") + ", " + sizing.workers() + " workers x " + sizing.slots()
        + " slots, lease " + sizing.lease().toMillis() + " ms, " + settings.quietRuns() + " quiet runs then "
        + settings.runs() + " runs under " + settings.pressure().length().toSeconds() + " s of faults");
    lines.add("faults injected: " + faults.faults() + " " + faults.counts());
    lines.addAll(findings.statistics());
    lines.add("---- checks");
    findings.violations().forEach((check, found) -> {
      lines.add((found.isEmpty() ? "PASS " : "FAIL ") + check + (found.isEmpty() ? "" : ": " + found.size()
          + " violations"));
      found.stream().limit(shownPerCheck).forEach(violation -> lines.add("    " + violation));
      if (found.size() > shownPerCheck) {
        lines.add("    ... and " + (found.size() - shownPerCheck) + " more (all in the report file)");
      }
    });
    lines.add("---- fault log (UTC)");
    faults.lines().forEach(line -> lines.add("  " + line));
    lines.add("---- process logs");
    lines.addAll(findings.logs());
    lines.add("PostgreSQL log (its data directory is kept when a check fails): " + findings.postgresLog());
    lines.add("seed " + settings.pressure().seed() + " (replay with -Dcairn.fault.seed=" + settings.pressure().seed()
        + ")");
    return String.join("\n", lines);
  }
}
