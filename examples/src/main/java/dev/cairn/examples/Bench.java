package dev.cairn.examples;

import dev.cairn.Cairn;
import dev.cairn.CairnListener;
import dev.cairn.ChildSpec;
import dev.cairn.Concurrency;
import dev.cairn.Parent;
import dev.cairn.RateLimit;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.worker.CairnWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The benchmark (not a test): throughput of three-step no-op workflows and single-step run latency, on the
 * embedded PostgreSQL with its durable defaults or on a given JDBC URL.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=dev.cairn.examples.Bench \
 *     -Dexec.args="--runs=20000 --slots=64 --latency=2000"
 * </pre>
 * Options: {@code --runs} (throughput runs), {@code --slots}, {@code --latency} (latency samples),
 * {@code --flow-runs} (runs of each flow-control phase, 0 to skip), {@code --remote-runs}, {@code --rounds} (repeat
 * the embedded measures on the same database, which keeps every run, and print the growth curve),
 * {@code --jdbc-url}, {@code --user}, {@code --password}, {@code --data-dir} (embedded data directory).
 */
public final class Bench {
  /** The rate limit of {@link RatedChain}. */
  static final String RATE = "bench";
  /** The rate of {@link #RATE}: each step of {@link RatedChain} takes one unit, so it caps the phase's steps/s. */
  static final int RATE_UNITS_PER_SECOND = 5000;
  /** The schema of the remote phases: a node of its own, whose tables are apart from the embedded phases' ones. */
  static final String REMOTE_SCHEMA = "cairn_remote_bench";

  private Bench() {}

  /** Three no-op steps in a chain. */
  @Workflow(name = "bench-chain")
  public static final class Chain {
    @Step
    int a(Integer input) {
      return input;
    }

    @Step(parents = "a")
    int b(@Parent("a") int value) {
      return value + 1;
    }

    @Step(parents = "b")
    int c(@Parent("b") int value) {
      return value + 1;
    }
  }

  /** One no-op step. */
  @Workflow(name = "bench-single")
  public static final class Single {
    @Step
    int only(Integer input) {
      return input;
    }
  }

  /** Fans out to {@code input} single-step children and sums their outputs. */
  @Workflow(name = "bench-fan-out")
  public static final class FanOut {
    @Step(timeout = "10m")
    long fanOut(Integer children, StepContext ctx) {
      List<Integer> outputs = ctx.runChildren("bench-single",
          IntStream.range(0, children).mapToObj(i -> ChildSpec.of("c" + i, i)).toList(), Integer.class);
      return outputs.stream().mapToLong(Integer::longValue).sum();
    }
  }

  /** A run of the flow-control phases: its concurrency key and its number. */
  public record Keyed(int key, int n) {}

  /** {@link Chain} with at most one run per key at a time. */
  @Workflow(name = "bench-keyed")
  @Concurrency(key = "{/key}", max = 1)
  public static final class KeyedChain {
    @Step
    Keyed a(Keyed input) {
      return input;
    }

    @Step(parents = "a")
    int b(@Parent("a") Keyed value) {
      return value.n() + 1;
    }

    @Step(parents = "b")
    int c(@Parent("b") int value) {
      return value + 1;
    }
  }

  /** {@link Chain} whose every step takes a unit of the {@value #RATE} rate limit. */
  @Workflow(name = "bench-rated")
  public static final class RatedChain {
    @Step
    @RateLimit(name = RATE)
    int a(Integer input) {
      return input;
    }

    @Step(parents = "a")
    @RateLimit(name = RATE)
    int b(@Parent("a") int value) {
      return value + 1;
    }

    @Step(parents = "b")
    @RateLimit(name = RATE)
    int c(@Parent("b") int value) {
      return value + 1;
    }
  }

  /**
   * One step per run, one run per key at a time: the first run of a pair holds the key a few milliseconds and
   * notes when its body ends, the second notes when its body starts, so the gap is how long admission takes to let
   * a waiting step through once its key is free (the first's completion, release, wake-up and claim).
   */
  @Workflow(name = "bench-gate")
  @Concurrency(key = "{/key}", max = 1)
  public static final class Gate {
    static final Map<Integer, Long> ENDED = new ConcurrentHashMap<>();
    static final Map<Integer, Long> STARTED = new ConcurrentHashMap<>();

    @Step
    int pass(Keyed input) throws InterruptedException {
      if (input.n() == 0) {
        Thread.sleep(5); // the second run is queued behind the key by now
        ENDED.put(input.key(), System.nanoTime());
      } else {
        STARTED.put(input.key(), System.nanoTime());
      }
      return input.n();
    }
  }

  /** The admission latency's baseline: the same gap from a step's body end to its child's body start, no keys. */
  @Workflow(name = "bench-hop")
  public static final class Hop {
    static final Map<Integer, Long> ENDED = new ConcurrentHashMap<>();
    static final Map<Integer, Long> STARTED = new ConcurrentHashMap<>();

    @Step
    int first(Integer n) throws InterruptedException {
      Thread.sleep(5); // as the holder in Gate
      ENDED.put(n, System.nanoTime());
      return n;
    }

    @Step(parents = "first")
    int second(@Parent("first") int n) {
      STARTED.put(n, System.nanoTime());
      return n;
    }
  }

  /** Counts finished runs of one workflow so a throughput phase waits without polling. */
  static final class FinishCounter implements CairnListener {
    volatile CountDownLatch latch = new CountDownLatch(0);
    volatile String counted = "bench-chain";
    final AtomicInteger failed = new AtomicInteger();

    @Override
    public void runFinished(String workflow, RunStatus status) {
      if (status != RunStatus.SUCCEEDED) {
        failed.incrementAndGet();
      }
      if (counted.equals(workflow)) {
        latch.countDown();
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int runs = Integer.parseInt(options.getOrDefault("runs", "20000"));
    int slots = Integer.parseInt(options.getOrDefault("slots", "64"));
    int samples = Integer.parseInt(options.getOrDefault("latency", "2000"));
    int flowRuns = Integer.parseInt(options.getOrDefault("flow-runs", "20000"));
    FinishCounter counter = new FinishCounter();
    Cairn.Builder builder = Cairn.builder().workerSlots(slots).listener(counter).register(new Chain(), new Single(),
        new FanOut(), new KeyedChain(), new RatedChain(), new Gate(), new Hop());
    if (options.containsKey("jdbc-url")) {
      builder.jdbcUrl(options.get("jdbc-url"), options.getOrDefault("user", "postgres"),
          options.getOrDefault("password", ""));
    } else {
      builder.embeddedDataDirectory(Path.of(options.getOrDefault("data-dir", ".cairn/bench-pgdata")));
    }
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
    List<String> curve = new ArrayList<>();
    try (Cairn cairn = builder.build(); DatabaseActivity activity = DatabaseActivity.open(options, "cairn")) {
      cairn.start();
      System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
          + System.getProperty("java.version"));
      // With --rounds, the same work again on the same database, which keeps every finished run (retention off in
      // effect: they are all younger than its default), to see how the cost grows with what is stored.
      for (int round = 1; round <= rounds; round++) {
        if (rounds > 1) {
          System.out.println("round " + round + " of " + rounds);
        }
        throughput(cairn, counter, Math.min(2000, runs), slots, true);
        activity.begin();
        double perSecond = throughput(cairn, counter, runs, slots, false);
        String database = meanwhile(activity);
        double[] percentiles = latencyRounds(cairn, samples);
        fanOut(cairn, 100, 5, true);
        fanOut(cairn, 100, 20, false);
        fanOut(cairn, 1000, 1, false);
        if (flowRuns > 0) {
          flowControl(cairn, counter, flowRuns, slots);
        }
        curve.add(String.format("round %d: %.0f steps/s, single-step p50 %.2f ms, p99 %.2f ms%s%s", round,
            3 * perSecond, percentiles[0], percentiles[1], activity.stored(), database));
      }
    }
    if (rounds > 1) {
      System.out.println("growth curve:");
      curve.forEach(line -> System.out.println("  " + line));
    }
    int remoteRuns = Integer.parseInt(options.getOrDefault("remote-runs", "10000"));
    if (remoteRuns > 0) {
      remote(options, remoteRuns, Math.min(samples, 1000));
    }
  }

  /**
   * The same measures with the steps run by a worker over gRPC: an engine node with no workflows of its own serves
   * gRPC on localhost, a {@link CairnWorker} (in this JVM, over a real localhost connection) runs
   * the steps, and a {@link CairnClient} triggers and waits.
   */
  static void remote(Map<String, String> options, int runs, int samples) throws Exception {
    FinishCounter counter = new FinishCounter();
    Cairn.Builder builder = Cairn.builder().schema(REMOTE_SCHEMA).grpcPort(0).grpcHost("127.0.0.1")
        .listener(counter);
    if (options.containsKey("jdbc-url")) {
      builder.jdbcUrl(options.get("jdbc-url"), options.getOrDefault("user", "postgres"),
          options.getOrDefault("password", ""));
    } else {
      builder.embeddedDataDirectory(Path.of(options.getOrDefault("data-dir", ".cairn/bench-pgdata")));
    }
    try (Cairn engine = builder.build(); DatabaseActivity activity = DatabaseActivity.open(options, REMOTE_SCHEMA)) {
      engine.start();
      String target = "127.0.0.1:" + engine.grpcPort();
      String workerToken = engine.tokens().create("bench worker", Role.WORKER, null).secret();
      String clientToken = engine.tokens().create("bench client", Role.CLIENT, null).secret();
      try (CairnWorker worker = CairnWorker.builder(target).token(workerToken)
              .slots(64).register(new Chain(), new Single()).build();
          CairnClient client = CairnClient.builder(target).token(clientToken)
              .build()) {
        worker.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!worker.isRegistered() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        for (boolean warmup : new boolean[] {true, false}) {
          int count = warmup ? Math.min(2000, runs) : runs;
          counter.latch = new CountDownLatch(count);
          if (!warmup) {
            activity.begin();
          }
          long start = System.nanoTime();
          for (int from = 0; from < count; from += 500) {
            client.triggerAll("bench-chain", IntStream.range(from, Math.min(count, from + 500)).boxed().toList(),
                TriggerOptions.NONE);
          }
          if (!counter.latch.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("remote throughput runs did not finish in 10 minutes");
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf("%sremote throughput: %d runs x 3 steps, one worker with 64 slots over gRPC: %.2f s,"
              + " %.0f runs/s, %.0f steps/s%n", warmup ? "(warm-up) " : "", count, seconds, count / seconds,
              3 * count / seconds);
          if (!warmup) {
            meanwhile(activity);
          }
        }
        // Both ways a client waits for a run: trigger(...).result(...) (Trigger, then AwaitRun) and triggerAndAwait
        // (one call: the run id, then the run); alternated so that both see the same moments of the host.
        String[] ways = {"trigger(...).result(...)", "triggerAndAwait"};
        for (boolean warmup : new boolean[] {true, false}) {
          int count = warmup ? Math.min(200, samples) : samples;
          long[][] nanos = new long[2][count];
          for (int i = 0; i < count; i++) {
            for (int way = 0; way < 2; way++) {
              long start = System.nanoTime();
              int result = way == 0
                  ? client.trigger("bench-single", i, TriggerOptions.NONE).result(Integer.class, Duration.ofSeconds(30))
                  : client.triggerAndAwait("bench-single", i, TriggerOptions.NONE, Duration.ofSeconds(30))
                      .result(Integer.class);
              nanos[way][i] = System.nanoTime() - start;
              if (result != i) {
                throw new IllegalStateException("wrong result " + result);
              }
            }
          }
          for (int way = 0; way < 2; way++) {
            Arrays.sort(nanos[way]);
            System.out.printf("%sremote latency: %d single-step runs, client trigger to result over gRPC with %s:"
                + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", warmup ? "(warm-up) " : "", count, ways[way],
                percentile(nanos[way], 50), percentile(nanos[way], 90), percentile(nanos[way], 99));
          }
        }
      }
    }
  }

  /** Runs {@code runs} chains and returns runs per second. */
  static double throughput(Cairn cairn, FinishCounter counter, int runs, int slots, boolean warmup) throws Exception {
    double seconds = timed(cairn, counter, "bench-chain", IntStream.range(0, runs).boxed().toList(), "throughput");
    System.out.printf("%sthroughput: %d runs x 3 steps, %d slots: %.2f s, %.0f runs/s, %.0f steps/s%n",
        warmup ? "(warm-up) " : "", runs, slots, seconds, runs / seconds, 3 * runs / seconds);
    return runs / seconds;
  }

  /** Triggers the inputs in batches of 500 and waits for the counter's workflow to finish them all; seconds taken. */
  private static double timed(Cairn cairn, FinishCounter counter, String workflow, List<?> inputs, String label)
      throws InterruptedException {
    counter.latch = new CountDownLatch(inputs.size());
    int failedBefore = counter.failed.get();
    long start = System.nanoTime();
    for (int from = 0; from < inputs.size(); from += 500) {
      cairn.triggerAll(workflow, inputs.subList(from, Math.min(inputs.size(), from + 500)), TriggerOptions.NONE);
    }
    if (!counter.latch.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(label + " runs did not finish in 10 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (counter.failed.get() != failedBefore) {
      throw new IllegalStateException((counter.failed.get() - failedBefore) + " runs failed");
    }
    return seconds;
  }

  /**
   * Flow control's cost, each phase beside an unconstrained one in the same sitting: {@code runs} three-step runs
   * over 1,000 keys with one run per key at a time, the same runs with every step taking a unit of a
   * {@value #RATE_UNITS_PER_SECOND} units/s rate limit, and the admission latency of a step whose key just freed.
   */
  static void flowControl(Cairn cairn, FinishCounter counter, int runs, int slots) throws Exception {
    double plain = throughput(cairn, counter, runs, slots, false);
    counter.counted = "bench-keyed";
    phase(cairn, counter, "bench-keyed", IntStream.range(0, Math.min(2000, runs)).mapToObj(i -> new Keyed(i % 1000, i))
        .toList(), "(warm-up) keyed", plain, 0);
    phase(cairn, counter, "bench-keyed", IntStream.range(0, runs).mapToObj(i -> new Keyed(i % 1000, i)).toList(),
        "keyed (1,000 keys, maxRuns 1)", plain, 0);
    cairn.rateLimits().set(RATE, RATE_UNITS_PER_SECOND, Duration.ofSeconds(1));
    counter.counted = "bench-rated";
    phase(cairn, counter, "bench-rated", IntStream.range(0, runs).boxed().toList(),
        String.format("rate-limited (%,d units/s)", RATE_UNITS_PER_SECOND), plain, RATE_UNITS_PER_SECOND);
    counter.counted = "bench-chain";
    admissionLatency(cairn, 20, true);
    hopLatency(cairn, 20, true);
    for (int round = 0; round < 2; round++) { // alternated, so both see the same machine
      admissionLatency(cairn, 250, false);
      hopLatency(cairn, 250, false);
    }
  }

  private static void hopLatency(Cairn cairn, int samples, boolean warmup) {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      int n = Hop.ENDED.size() + 1;
      cairn.trigger("bench-hop", n).result(Integer.class, Duration.ofSeconds(30));
      nanos[i] = Hop.STARTED.get(n) - Hop.ENDED.get(n);
    }
    printGaps(warmup, "hop latency (baseline, no keys): " + samples + " steps, parent's body end to child's body"
        + " start", nanos);
  }

  private static void printGaps(boolean warmup, String what, long[] nanos) {
    Arrays.sort(nanos);
    System.out.printf("%s%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", warmup ? "(warm-up) " : "", what,
        percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99), nanos[nanos.length - 1] / 1e6);
  }

  /**
   * Runs one flow-control phase and prints its throughput beside the unconstrained pass's. With a rate limit
   * ({@code limitStepsPerSecond} above 0) it also prints the share of what the limit allows: a limit below the
   * unconstrained pass caps the first ratio however well admission works.
   */
  private static void phase(Cairn cairn, FinishCounter counter, String workflow, List<?> inputs, String label,
      double plainRunsPerSecond, int limitStepsPerSecond) throws InterruptedException {
    double seconds = timed(cairn, counter, workflow, inputs, label);
    double stepsPerSecond = 3 * inputs.size() / seconds;
    String ofLimit = limitStepsPerSecond <= 0 ? "" : String.format(", %.2f of what the limit allows (%,d steps/s)",
        stepsPerSecond / Math.min(limitStepsPerSecond, 3 * plainRunsPerSecond), limitStepsPerSecond);
    System.out.printf("%s throughput: %d runs x 3 steps: %.2f s, %.0f runs/s, %.0f steps/s, %.2f of unconstrained%s%n",
        label, inputs.size(), seconds, inputs.size() / seconds, stepsPerSecond,
        inputs.size() / seconds / plainRunsPerSecond, ofLimit);
  }

  private static void admissionLatency(Cairn cairn, int samples, boolean warmup) {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      int key = Gate.ENDED.size() + 1;
      RunHandle<?> first = cairn.trigger("bench-gate", new Keyed(key, 0));
      RunHandle<?> second = cairn.trigger("bench-gate", new Keyed(key, 1));
      first.result(Integer.class, Duration.ofSeconds(30));
      second.result(Integer.class, Duration.ofSeconds(30));
      nanos[i] = Gate.STARTED.get(key) - Gate.ENDED.get(key);
    }
    printGaps(warmup, "admission latency: " + samples + " steps queued behind a key, its holder's body end to their"
        + " body start", nanos);
  }

  /** Measured rounds of the latency phase: the figures are their medians. */
  static final int LATENCY_ROUNDS = 3;

  /**
   * The latency phase as DBOS's harness, which it is compared with, measures it: a warm-up round (the JIT compiles the
   * single-run path, other code than the throughput phase's, meanwhile), then {@value #LATENCY_ROUNDS} rounds of
   * {@code samples} runs; returns the medians over the rounds of p50 and p99, in milliseconds.
   */
  static double[] latencyRounds(Cairn cairn, int samples) {
    latency(cairn, samples, true);
    double[] p50s = new double[LATENCY_ROUNDS];
    double[] p99s = new double[LATENCY_ROUNDS];
    for (int round = 0; round < LATENCY_ROUNDS; round++) {
      System.out.printf("(round %d of %d) ", round + 1, LATENCY_ROUNDS);
      double[] percentiles = latency(cairn, samples, false);
      p50s[round] = percentiles[0];
      p99s[round] = percentiles[1];
    }
    Arrays.sort(p50s);
    Arrays.sort(p99s);
    double[] medians = {p50s[LATENCY_ROUNDS / 2], p99s[LATENCY_ROUNDS / 2]};
    System.out.printf("latency: %d single-step runs a round, trigger to result, median of %d rounds: p50 %.2f ms,"
        + " p99 %.2f ms%n", samples, LATENCY_ROUNDS, medians[0], medians[1]);
    return medians;
  }

  /** Times {@code samples} single-step runs one after another; returns p50 and p99 in milliseconds. */
  static double[] latency(Cairn cairn, int samples, boolean warmup) {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      RunHandle<?> run = cairn.trigger("bench-single", i);
      int result = run.result(Integer.class, Duration.ofSeconds(30));
      nanos[i] = System.nanoTime() - start;
      if (result != i) {
        throw new IllegalStateException("wrong result " + result + " for " + i);
      }
    }
    Arrays.sort(nanos);
    System.out.printf("%slatency: %d single-step runs, trigger to result: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
        + " max %.2f ms%n", warmup ? "(warm-up) " : "", samples, percentile(nanos, 50), percentile(nanos, 90),
        percentile(nanos, 99), nanos[samples - 1] / 1e6);
    return new double[] {percentile(nanos, 50), percentile(nanos, 99)};
  }

  /** Ends the probe's phase and prints what the database did meanwhile; returns it for the curve ("" if unknown). */
  private static String meanwhile(DatabaseActivity activity) throws Exception {
    String meanwhile = activity.end();
    if (meanwhile.isEmpty()) {
      return "";
    }
    System.out.println("  the database meanwhile: " + meanwhile);
    return "; the database meanwhile: " + meanwhile;
  }

  static void fanOut(Cairn cairn, int children, int repetitions, boolean warmup) {
    long[] nanos = new long[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      long sum = cairn.trigger("bench-fan-out", children).result(Long.class, Duration.ofMinutes(10));
      nanos[i] = System.nanoTime() - start;
      if (sum != (long) children * (children - 1) / 2) {
        throw new IllegalStateException("wrong fan-out sum " + sum);
      }
    }
    Arrays.sort(nanos);
    System.out.printf("%sfan-out: parent with %d children, trigger to parent result (%d runs): p50 %.1f ms,"
        + " min %.1f ms, max %.1f ms%n", warmup ? "(warm-up) " : "", children, repetitions, percentile(nanos, 50),
        nanos[0] / 1e6, nanos[repetitions - 1] / 1e6);
  }

  static double percentile(long[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("bad argument '" + arg + "': expected --name=value");
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    List<String> known = List.of("runs", "slots", "latency", "jdbc-url", "user", "password", "data-dir",
        "remote-runs", "flow-runs", "rounds");
    for (String name : options.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
      }
    }
    return options;
  }
}
