package dev.cairn.pipeline.app;

import dev.cairn.Cairn;
import dev.cairn.CairnListener;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.pipeline.workflow.PipelineServices;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The README's main command: processes the sample Daily recording in {@code samples/daily-sample} on the embedded
 * defaults (embedded PostgreSQL, local storage, recorded ASR answers, extractive summariser), printing steps and
 * transcript events as they happen, then the result. Any setting of {@link Setting} can be given to use real
 * services instead.
 */
public final class Demo {
  static final Path SAMPLE = Path.of("samples", "daily-sample");

  private Demo() {}

  public static void main(String[] args) {
    Path root = ProjectRoot.find();
    PipelineConfig config = PipelineConfig.from(ProjectRoot.resolveDefaults(System.getenv(), root), args);
    int status;
    try {
      status = run(config, root.resolve(SAMPLE), System.out) == RunStatus.SUCCEEDED ? 0 : 1;
    } catch (RuntimeException e) {
      System.err.println("demo failed: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /** Runs the demo end to end and returns how the run ended. */
  public static RunStatus run(PipelineConfig config, Path sample, PrintStream out) {
    try (Databases databases = Databases.open(config)) {
      PipelineServices services = PipelineComponents.services(config, databases.pool());
      try (Cairn cairn = Cairn.builder()
          .jdbcUrl(databases.url(), databases.user(), databases.password())
          .schema(config.require(Setting.CAIRN_SCHEMA))
          .workerSlots(8)
          .listener(new StepPrinter(out))
          .register(PipelineComponents.workflows(services))
          .build()) {
        cairn.start();
        RunGateway runs = RunGateway.embedded(cairn);
        DailyIngest ingest = DailyIngest.of(services, runs, config);
        DailyIngest.Started started = SampleRun.start(services, ingest, runs, sample, out);
        PipelineHttpServer http = config.get(Setting.PIPELINE_HTTP_PORT).map(Integer::parseInt).filter(p -> p > 0)
            .map(port -> PipelineHttpServer.builder(ingest, services).port(port)
                .dailyWebhookSecret(config.get(Setting.DAILY_WEBHOOK_SECRET).orElse(null)).start())
            .orElse(null);
        if (http != null) {
          out.println("  live events:   curl -N http://localhost:" + http.port() + "/v1/transcripts/"
              + started.transcriptId() + "/events");
        }
        RunView finished = SampleRun.follow(services, runs, started, out);
        if (http != null) {
          http.close();
        }
        return finished.status();
      }
    }
  }

  /** Prints each step as it starts and ends. */
  private static final class StepPrinter implements CairnListener {
    private final PrintStream out;
    private final java.util.Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();

    StepPrinter(PrintStream out) {
      this.out = out;
    }

    @Override
    public void stepStarted(String workflow, String step, Duration queuedFor) {
      // The demo has one pipeline run: a step of it starting again is resuming after waiting for its children.
      boolean again = workflow.equals(dev.cairn.pipeline.workflow.DiarizationPipeline.NAME)
          && !started.add(step);
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
