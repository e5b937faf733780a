package dev.cairn.pipeline.app;

import dev.cairn.Cairn;
import dev.cairn.CairnListener;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.pipeline.daily.DailyTrackKey;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.transcript.Recording;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.workflow.DiarizationPipeline;
import dev.cairn.pipeline.workflow.PipelineKeys;
import dev.cairn.pipeline.workflow.PipelineServices;
import dev.cairn.pipeline.workflow.PlainPipelineRun;
import dev.cairn.pipeline.workflow.ScratchRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline's engine overhead (issue 13): the sample recording processed by the pipeline's step code called
 * one after another in plain Java ({@link PlainPipelineRun}: tracks at once, as their child runs are) against the
 * same recording processed through Cairn, as the demo does it: a run triggered ({@code process --force}) and
 * awaited until it is final, every step included (the mixdown and waveform end after the transcript).
 *
 * <p>One process, the demo's embedded defaults (embedded durable PostgreSQL, local storage, recorded ASR answers,
 * extractive summariser; settings as for the demo, the dashboard off) and the demo's engine (8 slots), which stays
 * up, idle, during the plain runs. After {@code --warmups} rounds of each mode, {@code --repeats} rounds alternate
 * plain, Cairn, plain, Cairn... Each is measured for wall time, the JVM's process CPU time (FFmpeg runs inside it,
 * through javacv) and the embedded PostgreSQL's CPU time (its own processes, read from {@code /proc}; omitted for
 * an external server). Every run's transcript must match the first Cairn run's (words, speakers, topics, title,
 * summaries, waveform, MP3 size), or the bench fails.
 *
 * <p>Run it with plain {@code java}, so that no Maven JVM shares the machine while it measures:
 *
 * <pre>
 * ./mvnw -B -o -q -pl pipeline -am compile dependency:build-classpath -Dmdep.includeScope=runtime \
 *     -Dmdep.outputFile=/tmp/cp.txt
 * java -Dorg.bytedeco.javacpp.cachedir=$HOME/.javacpp/cache -cp "$(cat /tmp/cp.txt):pipeline/target/classes" \
 *     dev.cairn.pipeline.app.OverheadBench --repeats 5
 * </pre>
 *
 * (or {@code ./mvnw -q -pl pipeline -am compile exec:java -Dexec.mainClass=dev.cairn.pipeline.app.OverheadBench
 * -Dexec.args="--repeats 5"}).
 */
public final class OverheadBench {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  private final PipelineServices services;
  private final Runs runs;
  private final DailyIngest ingest;
  private final Optional<PostgresCpu> postgres;
  private final StepClock cairnSteps;
  private final PrintStream out;

  private OverheadBench(PipelineServices services, Runs runs, DailyIngest ingest, Optional<PostgresCpu> postgres,
      StepClock cairnSteps, PrintStream out) {
    this.services = services;
    this.runs = runs;
    this.ingest = ingest;
    this.postgres = postgres;
    this.cairnSteps = cairnSteps;
    this.out = out;
  }

  /** {@code [--repeats N] [--warmups N] [--setting=value...]} (settings as for the demo). */
  public static void main(String[] args) throws InterruptedException {
    int repeats = 5;
    int warmups = 1;
    List<String> settings = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--warmups" -> warmups = Integer.parseInt(args[++i]);
        default -> settings.add(args[i]);
      }
    }
    Path root = ProjectRoot.find();
    Map<String, String> environment = ProjectRoot.resolveDefaults(System.getenv(), root);
    // The dashboard is no part of the pipeline's work (and a demo may hold its port).
    environment.putIfAbsent(Setting.CAIRN_DASHBOARD_PORT.name(), "off");
    PipelineConfig config = PipelineConfig.from(environment, settings.toArray(String[]::new));
    int status = 0;
    try {
      run(config, root.resolve(Demo.SAMPLE), warmups, repeats, System.out);
    } catch (RuntimeException e) {
      System.err.println("overhead bench failed: " + e.getMessage());
      status = 1;
    }
    // As the demo: the engine's and the pools' threads must not keep exec:java waiting.
    System.exit(status);
  }

  /**
   * Runs the bench and prints its report.
   *
   * @throws IllegalStateException if a run failed, or left another transcript or ran other steps than the first
   */
  static void run(PipelineConfig config, Path sample, int warmups, int repeats, PrintStream out)
      throws InterruptedException {
    try (Databases databases = Databases.open(config)) {
      PipelineServices services = PipelineComponents.services(config, databases);
      AtomicReference<Runs> engine = new AtomicReference<>();
      StepClock steps = new StepClock();
      try (ScratchRoot scratch = services.scratch();
          Cairn cairn = Demo.configure(Cairn.builder(), config, databases, services, engine).listener(steps)
              .build()) {
        Demo.start(cairn, config, engine);
        OverheadBench bench = new OverheadBench(services, cairn, DailyIngest.of(services, cairn, config),
            PostgresCpu.of(config), steps, out);
        bench.measure(sample, warmups, repeats);
      }
    }
  }

  private void measure(Path sample, int warmups, int repeats) throws InterruptedException {
    out.println("OverheadBench: " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
        + "load " + load() + ", PostgreSQL CPU " + (postgres.isPresent() ? "included" : "not measured"));
    // The demo's own start: raw tracks into the Daily bucket, the recording ingested (or processed again).
    SampleRun.Begun begun = SampleRun.start(services, ingest, runs, sample,
        new PrintStream(OutputStream.nullOutputStream()));
    String transcriptId = begun.started().transcriptId();
    requireSucceeded(runs.await(begun.started().runId(), RUN_TIMEOUT));
    Fingerprint reference = Fingerprint.of(services, transcriptId);
    out.println("sample " + sample + ": transcript " + transcriptId + ", " + reference.words() + " words, "
        + reference.topics().size() + " topics, title '" + reference.title() + "'");
    PlainPipelineRun plain = new PlainPipelineRun(services);
    for (int round = 1; round <= warmups; round++) {
      measurePlain(plain, transcriptId, reference);
      // The demo's start above was the first round's Cairn run.
      if (round > 1) {
        measureCairn(transcriptId, reference);
      }
    }
    idleRates();
    List<Sample> plainSamples = new ArrayList<>();
    List<Sample> cairnSamples = new ArrayList<>();
    for (int round = 1; round <= repeats; round++) {
      plainSamples.add(measurePlain(plain, transcriptId, reference));
      cairnSamples.add(measureCairn(transcriptId, reference));
      requireSameSteps(plainSamples.get(round - 1), cairnSamples.get(round - 1));
      out.printf(Locale.ROOT, "round %d: plain %s | cairn %s%n", round, plainSamples.get(round - 1).line(),
          cairnSamples.get(round - 1).line());
    }
    OverheadReport.print(out, plainSamples, cairnSamples, postgres.isPresent());
  }

  private Sample measurePlain(PlainPipelineRun plain, String transcriptId, Fingerprint reference)
      throws InterruptedException {
    DiarizationPipeline.Input input = plainInput(transcriptId);
    Meter meter = settleAndStart();
    PlainPipelineRun.Outcome outcome = plain.run(input);
    Sample sample = meter.stop("plain", outcome.stepTimes(), Duration.ZERO);
    Fingerprint.of(services, transcriptId).requireSame(reference, "the plain run");
    return sample;
  }

  private Sample measureCairn(String transcriptId, Fingerprint reference) throws InterruptedException {
    Meter meter = settleAndStart();
    cairnSteps.startRecording();
    long triggered = System.nanoTime();
    Reprocess.Outcome started = new Reprocess(services.transcripts(), services.meetings(), runs, ingest)
        .process(transcriptId, true);
    RunView run = runs.await(started.runId(), RUN_TIMEOUT);
    long ended = System.nanoTime();
    StepClock.Recorded steps = cairnSteps.stopRecording();
    Sample sample = meter.stop("cairn", steps.times(), steps.notCovered(triggered, ended));
    requireSucceeded(run);
    Fingerprint.of(services, transcriptId).requireSame(reference, "Cairn run " + run.id());
    return sample;
  }

  /** The input a reprocess of the transcript would give its run, read from the same rows. */
  private DiarizationPipeline.Input plainInput(String transcriptId) {
    Transcript transcript = services.transcripts().get(transcriptId);
    Recording recording = services.meetings().recording(transcript.recordingId()).orElseThrow();
    return DailyIngest.input(transcriptId, recording, DailyTrackKey.camAudioKeys(recording.trackKeys()),
        transcript.roomId());
  }

  /** Lets the previous run's leftovers (garbage, PostgreSQL's background writes) settle, then starts a meter. */
  private Meter settleAndStart() throws InterruptedException {
    System.gc();
    Thread.sleep(1000);
    return new Meter(postgres, load());
  }

  /**
   * What the process and the server use while nothing runs, the engine idling: the plain runs' figures include it
   * (about their wall time times these rates), the Cairn runs' too.
   */
  private void idleRates() throws InterruptedException {
    Meter meter = settleAndStart();
    Thread.sleep(10_000);
    Sample idle = meter.stop("idle", Map.of(), Duration.ZERO);
    double seconds = idle.wall().toNanos() / 1e9;
    out.printf(Locale.ROOT, "idle engine: JVM %.1f ms CPU/s, PostgreSQL %s ms CPU/s%n",
        idle.jvmCpu().toNanos() / 1e6 / seconds,
        idle.pgCpu().map(cpu -> String.format(Locale.ROOT, "%.1f", cpu.toNanos() / 1e6 / seconds)).orElse("n/a"));
  }

  /** The plain run must have called every step the engine ran, as often (a step added to the DAG and not to it). */
  private static void requireSameSteps(Sample plain, Sample cairn) {
    Map<String, Integer> plainSteps = new TreeMap<>();
    plain.stepTimes().forEach((step, times) -> plainSteps.put(step, times.size()));
    Map<String, Integer> cairnSteps = new TreeMap<>();
    cairn.stepTimes().forEach((step, times) -> cairnSteps.put(step, times.size()));
    if (!plainSteps.equals(cairnSteps)) {
      throw new IllegalStateException("the plain run's steps " + plainSteps + " are not the Cairn run's "
          + cairnSteps);
    }
  }

  private static void requireSucceeded(RunView run) {
    if (run.status() != RunStatus.SUCCEEDED) {
      throw new IllegalStateException("run " + run.id() + " ended " + run.status() + ": " + run.error());
    }
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /** One measured run. {@code noStepRunning}: time no step attempt was running (Cairn runs only). */
  record Sample(String mode, String load, Duration wall, Duration jvmCpu, Optional<Duration> pgCpu,
      Map<String, List<Duration>> stepTimes, Duration noStepRunning) {
    Duration cpu() {
      return pgCpu.map(jvmCpu::plus).orElse(jvmCpu);
    }

    String line() {
      return String.format(Locale.ROOT, "wall %d ms, cpu %d ms (load %s)", wall.toMillis(), cpu().toMillis(), load);
    }
  }

  /** Wall and CPU from its creation until {@link #stop}. */
  private static final class Meter {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Optional<PostgresCpu> postgres;
    private final String load;
    private final long pgStart;
    private final long jvmStart;
    private final long wallStart;

    Meter(Optional<PostgresCpu> postgres, String load) {
      this.postgres = postgres;
      this.load = load;
      this.pgStart = postgres.map(PostgresCpu::nanos).orElse(0L);
      this.jvmStart = OS.getProcessCpuTime();
      this.wallStart = System.nanoTime();
    }

    Sample stop(String mode, Map<String, List<Duration>> stepTimes, Duration noStepRunning) {
      long wall = System.nanoTime() - wallStart;
      long jvm = OS.getProcessCpuTime() - jvmStart;
      Optional<Duration> pg = postgres.map(server -> Duration.ofNanos(server.nanos() - pgStart));
      return new Sample(mode, load, Duration.ofNanos(wall), Duration.ofNanos(jvm), pg, stepTimes, noStepRunning);
    }
  }

  /**
   * The Cairn runs' step attempts, as the engine reports them: how long each ran ({@code ranFor}: from its hand-over
   * to a slot to its method's return) and when its checkpoint was committed. A suspended attempt (a parent starting
   * its children) reports nothing.
   */
  private static final class StepClock implements CairnListener {
    private record Attempt(String step, long endNanos, Duration ranFor) {}

    /** One run's attempts: their times by step name, and the time none of them ran. */
    record Recorded(List<Attempt> attempts) {
      Map<String, List<Duration>> times() {
        Map<String, List<Duration>> times = new TreeMap<>();
        for (Attempt attempt : attempts) {
          times.computeIfAbsent(attempt.step(), step -> new ArrayList<>()).add(attempt.ranFor());
        }
        return times;
      }

      /** The part of {@code [from, to)} covered by no attempt (approximate: a checkpoint's commit shifts it). */
      Duration notCovered(long from, long to) {
        List<long[]> spans = attempts.stream().map(a -> new long[] {a.endNanos() - a.ranFor().toNanos(), a.endNanos()})
            .sorted((a, b) -> Long.compare(a[0], b[0])).toList();
        long covered = 0;
        long reach = from;
        for (long[] span : spans) {
          long start = Math.max(span[0], reach);
          long end = Math.min(span[1], to);
          if (end > start) {
            covered += end - start;
            reach = end;
          }
        }
        return Duration.ofNanos(to - from - covered);
      }
    }

    /** The attempts of the run being measured; null between measured runs. */
    private final AtomicReference<List<Attempt>> recording = new AtomicReference<>();

    void startRecording() {
      recording.set(new CopyOnWriteArrayList<>());
    }

    Recorded stopRecording() {
      List<Attempt> attempts = recording.getAndSet(null);
      return new Recorded(attempts == null ? List.of() : List.copyOf(attempts));
    }

    @Override
    public void stepSucceeded(String workflow, String step, Duration ranFor) {
      List<Attempt> attempts = recording.get();
      if (attempts != null) {
        attempts.add(new Attempt(step, System.nanoTime(), ranFor));
      }
    }
  }

  /** What a run leaves in the transcript and storage, for checking that both modes did the same work. */
  record Fingerprint(String status, int words, String wordsSha256, List<String> speakers, List<String> topics,
      String title, String shortSummary, String longSummary, List<Double> waveform, int mp3Bytes) {
    static Fingerprint of(PipelineServices services, String transcriptId) {
      Transcript transcript = services.transcripts().get(transcriptId);
      byte[] words = services.storage().getBytes(new StorageRef(services.transcriptBucket(),
          PipelineKeys.words(transcriptId)));
      byte[] mp3 = services.storage().getBytes(new StorageRef(services.transcriptBucket(),
          PipelineKeys.audio(transcriptId)));
      try {
        return new Fingerprint(transcript.status().wire(), services.json().readTree(words).size(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(words)),
            transcript.participants().stream().map(p -> p.speaker() + ":" + p.name()).toList(),
            transcript.topics().stream().map(topic -> topic.timestamp() + " " + topic.title()).toList(),
            transcript.title(), transcript.shortSummary(), transcript.longSummary(), transcript.waveform(),
            mp3.length);
      } catch (IOException | NoSuchAlgorithmException e) {
        throw new IllegalStateException("cannot read the words of transcript " + transcriptId, e);
      }
    }

    void requireSame(Fingerprint reference, String what) {
      if (!equals(reference)) {
        throw new IllegalStateException(what + " left another transcript than the first Cairn run:\n  " + this
            + "\nagainst\n  " + reference);
      }
    }
  }
}
