package dev.cairn.pipeline.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** {@link OverheadBench}'s tables: every round, the medians and ratios, then the steps. */
final class OverheadReport {
  /** The pipeline's steps in DAG order, children after the step that starts them. */
  private static final List<String> STEP_ORDER = List.of("get_recording", "get_participants", "process_tracks",
      "pad_track", "transcribe_track", "mixdown_tracks", "generate_waveform", "detect_topics", "detect_chunk_topic",
      "generate_title", "generate_summary", "finalize", "cleanup_consent", "post_zulip", "send_webhook");

  private OverheadReport() {}

  static void print(PrintStream out, List<OverheadBench.Sample> plain, List<OverheadBench.Sample> cairn,
      boolean withPostgres) {
    out.println();
    out.println("| mode | round | load (1 min) | wall ms | JVM CPU ms | PostgreSQL CPU ms | CPU ms "
        + "| no step running ms |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int round = 0; round < plain.size(); round++) {
      for (OverheadBench.Sample sample : List.of(plain.get(round), cairn.get(round))) {
        out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %s | %d | %s |%n", sample.mode(), round + 1,
            sample.load(), sample.wall().toMillis(), sample.jvmCpu().toMillis(),
            sample.pgCpu().map(cpu -> Long.toString(cpu.toMillis())).orElse("n/a"), sample.cpu().toMillis(),
            sample == cairn.get(round) ? Long.toString(sample.noStepRunning().toMillis()) : "-");
      }
    }
    out.println();
    out.println("| median | wall ms | JVM CPU ms | PostgreSQL CPU ms | CPU ms |");
    out.println("|---|---:|---:|---:|---:|");
    medianRow(out, "plain", plain, withPostgres);
    medianRow(out, "cairn", cairn, withPostgres);
    out.printf(Locale.ROOT, "| cairn / plain (ratio of medians) | %.2f | %.2f | %s | %.2f |%n",
        ratio(cairn, plain, OverheadBench.Sample::wall), ratio(cairn, plain, OverheadBench.Sample::jvmCpu),
        withPostgres ? String.format(Locale.ROOT, "%.2f", ratio(cairn, plain, s -> s.pgCpu().orElseThrow())) : "n/a",
        ratio(cairn, plain, OverheadBench.Sample::cpu));
    out.printf(Locale.ROOT, "| cairn - plain (difference of medians) | %d | %d | %s | %d |%n",
        difference(cairn, plain, OverheadBench.Sample::wall), difference(cairn, plain, OverheadBench.Sample::jvmCpu),
        withPostgres ? Long.toString(difference(cairn, plain, s -> s.pgCpu().orElseThrow())) : "n/a",
        difference(cairn, plain, OverheadBench.Sample::cpu));
    List<Double> wallRatios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    for (int round = 0; round < plain.size(); round++) {
      wallRatios.add(seconds(cairn.get(round).wall()) / seconds(plain.get(round).wall()));
      cpuRatios.add(seconds(cairn.get(round).cpu()) / seconds(plain.get(round).cpu()));
    }
    out.printf(Locale.ROOT, "per-round cairn/plain: wall %s (median %.2f), CPU %s (median %.2f)%n",
        format(wallRatios), median(wallRatios), format(cpuRatios), median(cpuRatios));
    out.printf(Locale.ROOT, "fastest wall: plain %d ms, cairn %d ms%n",
        plain.stream().map(OverheadBench.Sample::wall).min(Duration::compareTo).orElseThrow().toMillis(),
        cairn.stream().map(OverheadBench.Sample::wall).min(Duration::compareTo).orElseThrow().toMillis());
    out.printf(Locale.ROOT, "cairn runs: no step attempt running for a median %d ms of the wall time%n",
        median(cairn, OverheadBench.Sample::noStepRunning).toMillis());
    steps(out, plain, cairn);
  }

  private static void medianRow(PrintStream out, String mode, List<OverheadBench.Sample> samples,
      boolean withPostgres) {
    String postgres = withPostgres ? Long.toString(median(samples, s -> s.pgCpu().orElseThrow()).toMillis()) : "n/a";
    long wall = median(samples, OverheadBench.Sample::wall).toMillis();
    out.printf(Locale.ROOT, "| %s | %d | %d | %s | %d |%n", mode, wall,
        median(samples, OverheadBench.Sample::jvmCpu).toMillis(), postgres,
        median(samples, OverheadBench.Sample::cpu).toMillis());
  }

  /** Median time per attempt and attempts per run, of each step in both modes. */
  private static void steps(PrintStream out, List<OverheadBench.Sample> plain, List<OverheadBench.Sample> cairn) {
    out.println();
    out.println("| step | plain ms (median) | cairn ms (median ranFor) | attempts per run plain / cairn |");
    out.println("|---|---:|---:|---:|");
    Set<String> names = new LinkedHashSet<>(STEP_ORDER);
    plain.forEach(sample -> names.addAll(sample.stepTimes().keySet()));
    cairn.forEach(sample -> names.addAll(sample.stepTimes().keySet()));
    for (String step : names) {
      List<Duration> plainTimes = times(plain, step);
      List<Duration> cairnTimes = times(cairn, step);
      if (plainTimes.isEmpty() && cairnTimes.isEmpty()) {
        continue;
      }
      out.printf(Locale.ROOT, "| %s | %s | %s | %s / %s |%n", step, millis(plainTimes), millis(cairnTimes),
          perRun(plainTimes, plain.size()), perRun(cairnTimes, cairn.size()));
    }
    out.println("(plain process_tracks and detect_topics include their children; in Cairn they are counted as the"
        + " resumed attempt that collects the children's outputs)");
  }

  private static List<Duration> times(List<OverheadBench.Sample> samples, String step) {
    List<Duration> times = new ArrayList<>();
    samples.forEach(sample -> times.addAll(sample.stepTimes().getOrDefault(step, List.of())));
    return times;
  }

  private static String millis(List<Duration> times) {
    if (times.isEmpty()) {
      return "-";
    }
    List<Duration> sorted = times.stream().sorted().toList();
    return String.format(Locale.ROOT, "%.1f", sorted.get(sorted.size() / 2).toNanos() / 1e6);
  }

  private static String perRun(List<Duration> times, int runs) {
    return String.format(Locale.ROOT, times.size() % runs == 0 ? "%.0f" : "%.1f", (double) times.size() / runs);
  }

  private static double ratio(List<OverheadBench.Sample> cairn, List<OverheadBench.Sample> plain,
      Function<OverheadBench.Sample, Duration> measure) {
    return seconds(median(cairn, measure)) / seconds(median(plain, measure));
  }

  private static long difference(List<OverheadBench.Sample> cairn, List<OverheadBench.Sample> plain,
      Function<OverheadBench.Sample, Duration> measure) {
    return median(cairn, measure).minus(median(plain, measure)).toMillis();
  }

  /** The middle value (the upper middle of an even count). */
  static Duration median(List<OverheadBench.Sample> samples, Function<OverheadBench.Sample, Duration> measure) {
    List<Duration> sorted = samples.stream().map(measure).sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String format(List<Double> values) {
    return String.join(" ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
