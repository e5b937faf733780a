package dev.cairn.pipeline.app;

import dev.cairn.Cairn;
import dev.cairn.CairnListener;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunStatus;
import dev.cairn.Runs;
import dev.cairn.pipeline.http.TokenCheck;
import dev.cairn.pipeline.workflow.DiarizationPipeline;
import dev.cairn.pipeline.workflow.PipelineLimits;
import dev.cairn.pipeline.workflow.PipelineServices;
import dev.cairn.pipeline.workflow.ScratchRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The README's main command: processes the sample Daily recording in {@code samples/daily-sample} on the embedded
 * defaults (embedded PostgreSQL, local storage, recorded ASR answers, extractive summariser), printing steps and
 * transcript events as they happen, then the result. Any setting of {@link Setting} can be given to use real
 * services instead.
 */
public final class Demo {
  static final Path SAMPLE = Path.of("samples", "daily-sample");

  private Demo() {}

  /** {@code demo [recording folder]}: the folder holds a recording in Daily's layout; default: the sample. */
  public static void main(String[] args) {
    Path root = ProjectRoot.find();
    PipelineConfig config = PipelineConfig.from(ProjectRoot.resolveDefaults(System.getenv(), root), args);
    List<String> operands = config.arguments().stream().skip(config.arguments().isEmpty()
        || !config.arguments().get(0).equals("demo") ? 0 : 1).toList();
    int status;
    try {
      if (operands.size() > 1) {
        throw new IllegalArgumentException("demo takes at most one recording folder, got " + operands);
      }
      Path recording = operands.isEmpty() ? root.resolve(SAMPLE) : Path.of(operands.get(0)).toAbsolutePath();
      if (!Files.isRegularFile(recording.resolve("recording.json"))) {
        throw new IllegalArgumentException(recording + " holds no recording.json: a recording folder in Daily's"
            + " layout has recording.json, participants.json and tracks/ (see " + root.resolve(SAMPLE) + ")");
      }
      // From a terminal the dashboard stays open after the run, for a look at it; tests and pipes end at once.
      status = run(config, recording, System.out, System.console() != null) == RunStatus.SUCCEEDED ? 0 : 1;
    } catch (RuntimeException e) {
      System.err.println("demo failed: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /** Runs the demo end to end and returns how the run ended. */
  public static RunStatus run(PipelineConfig config, Path sample, PrintStream out) {
    return run(config, sample, out, false);
  }

  /** As {@link #run(PipelineConfig, Path, PrintStream)}; {@code holdDashboard}: keep it open until Enter. */
  static RunStatus run(PipelineConfig config, Path sample, PrintStream out, boolean holdDashboard) {
    try (Databases databases = Databases.open(config)) {
      PipelineServices services = PipelineComponents.services(config, databases);
      // The maintenance steps trigger runs on the engine they run in, which exists only once built.
      AtomicReference<Runs> engine = new AtomicReference<>();
      Cairn.Builder builder = Cairn.builder();
      dashboardPort(config).ifPresent(builder::dashboardPort);
      int httpPort = httpPort(config);
      if (httpPort > 0) {
        TranscriptLinks.register(builder, httpPort);
      }
      try (ScratchRoot scratch = services.scratch();
          Cairn cairn = configure(builder, config, databases, services, engine)
              .listener(new StepPrinter(out))
              .build()) {
        start(cairn, config, engine);
        Runs runs = cairn;
        DailyIngest ingest = DailyIngest.of(services, runs, config);
        SampleRun.Begun begun = SampleRun.start(services, ingest, runs, sample, out);
        NewToken token = cairn.tokens().create("demo", Role.CLIENT, Instant.now().plus(Duration.ofDays(1)));
        out.println("  token:         " + token.secret() + " (CLIENT, valid for a day: the dashboard's login and the"
            + " HTTP endpoints)");
        if (cairn.dashboardPort() >= 0) {
          out.println("  dashboard:     http://localhost:" + cairn.dashboardPort() + "/#/runs/"
              + begun.started().runId());
        }
        PipelineHttpServer http = serveHttp(httpPort, config, cairn, ingest, services,
            begun.started().transcriptId(), token, out);
        try {
          RunStatus status = SampleRun.follow(services, runs, begun, out).status();
          if (holdDashboard && cairn.dashboardPort() >= 0) {
            holdOpen(cairn.dashboardPort(), out);
          }
          return status;
        } finally {
          if (http != null) {
            http.close();
          }
        }
      }
    }
  }

  /**
   * The demo's engine, without the dashboard and listeners: embedded in this process on {@code databases}, every
   * pool in one (eight slots), serving the pipeline's workflows and the maintenance ones. {@code engine} is set by
   * {@link #start} (the maintenance steps trigger runs on the engine they run in).
   */
  static Cairn.Builder configure(Cairn.Builder builder, PipelineConfig config, Databases databases,
      PipelineServices services, AtomicReference<Runs> engine) {
    return builder
        .jdbcUrl(databases.url(), databases.user(), databases.password())
        .schema(config.require(Setting.CAIRN_SCHEMA))
        .workerSlots(8)
        // One machine is every pool: the mixdown requires a cpu-heavy worker, and this engine is one.
        .label(PipelineLimits.POOL, PipelineLimits.CPU_HEAVY)
        .register(PipelineComponents.workflows(services))
        .register(PipelineComponents.maintenanceWorkflows(new DailyMaintenance(services, engine::get,
            config.require(Setting.DAILYCO_STORAGE_AWS_BUCKET_NAME))));
  }

  /** Starts an engine built from {@link #configure}, with the maintenance schedules and the {@code llm} limit. */
  static void start(Cairn cairn, PipelineConfig config, AtomicReference<Runs> engine) {
    engine.set(cairn);
    cairn.start();
    DailyMaintenance.applySchedules(cairn.schedules(), config);
    cairn.rateLimits().set(PipelineLimits.LLM, config.requireInt(Setting.LLM_RATE_LIMIT_PER_SECOND),
        PipelineLimits.LLM_PERIOD);
  }

  /**
   * With {@link Setting#PIPELINE_HTTP_PORT}, the HTTP endpoints, and a CLIENT token to call them with (valid for a
   * day; the engine keeps only its hash, so it is printed once, here); null without.
   */
  private static PipelineHttpServer serveHttp(int port, PipelineConfig config, Cairn cairn, DailyIngest ingest,
      PipelineServices services, String transcriptId, NewToken token, PrintStream out) {
    if (port <= 0) {
      return null;
    }
    PipelineHttpServer http = PipelineHttpServer.builder(ingest, services, TokenCheck.embedded(cairn.tokens()))
        .port(port).dailyWebhookSecret(config.get(Setting.DAILY_WEBHOOK_SECRET).orElse(null))
        .maxEventStreams(config.requireInt(Setting.PIPELINE_HTTP_MAX_EVENT_STREAMS)).start();
    String base = "http://localhost:" + http.port() + "/v1/transcripts/" + transcriptId;
    String header = "-H 'Authorization: Bearer " + token.secret() + "' ";
    out.println("  transcript:    curl " + header + base);
    out.println("  live events:   curl -N " + header + base + "/events");
    return http;
  }

  /**
   * {@link Setting#PIPELINE_HTTP_PORT}; 0 (none served) without. Known before the engine is built, so that the
   * dashboard's transcript links point at it.
   */
  private static int httpPort(PipelineConfig config) {
    return config.get(Setting.PIPELINE_HTTP_PORT).map(Integer::parseInt).orElse(0);
  }

  /** The dashboard's port: {@link Setting#CAIRN_DASHBOARD_PORT}, empty when it is "off". */
  static Optional<Integer> dashboardPort(PipelineConfig config) {
    String port = config.require(Setting.CAIRN_DASHBOARD_PORT).trim();
    if (port.equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("CAIRN_DASHBOARD_PORT must be a port number, 0 or off, got '"
          + (port.length() > 20 ? port.substring(0, 20) + "..." : port) + "'");
    }
  }

  private static void holdOpen(int port, PrintStream out) {
    out.println();
    out.println("The dashboard stays open at http://localhost:" + port + "/ : press Enter to stop.");
    try {
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      out.println("(input closed: stopping)");
    }
  }

  /** Prints each step as it starts and ends. */
  private static final class StepPrinter implements CairnListener {
    private final PrintStream out;
    private final Set<String> started = ConcurrentHashMap.newKeySet();

    StepPrinter(PrintStream out) {
      this.out = out;
    }

    @Override
    public void stepStarted(String workflow, String step, Duration queuedFor) {
      // The demo has one pipeline run: a step of it starting again is resuming after waiting for its children.
      boolean again = workflow.equals(DiarizationPipeline.NAME) && !started.add(step);
      out.printf(Locale.ROOT, "  step  %-22s %s %s%n", workflow, step, again ? "resumed" : "started");
    }

    @Override
    public void stepSucceeded(String workflow, String step, Duration ranFor) {
      out.printf(Locale.ROOT, "  step  %-22s %s done in %d ms%n", workflow, step, ranFor.toMillis());
    }

    @Override
    public void stepFailed(String workflow, String step, Duration ranFor, boolean willRetry) {
      out.printf(Locale.ROOT, "  step  %-22s %s FAILED%s%n", workflow, step, willRetry ? " (will retry)" : "");
    }
  }
}
