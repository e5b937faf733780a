package dev.cairn.pipeline.app;

import dev.cairn.CairnException;
import dev.cairn.Role;
import dev.cairn.Runs;
import dev.cairn.client.CairnClient;
import dev.cairn.pipeline.http.TokenCheck;
import dev.cairn.pipeline.workflow.PipelineLimits;
import dev.cairn.pipeline.workflow.PipelineServices;
import dev.cairn.worker.CairnWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline worker process: connects to a Cairn engine over gRPC with a token and runs the pipeline's steps.
 * With {@link Setting#PIPELINE_HTTP_PORT} it also serves the pipeline's HTTP endpoints ({@link PipelineHttpServer}):
 * Daily's webhook (triggering runs through the engine's run service) and transcripts with their live events, for
 * bearers of the engine's CLIENT and ADMIN tokens (checked by asking the engine, answers kept a few seconds). With
 * {@link Setting#PIPELINE_MAINTENANCE} it also serves the scheduled maintenance workflows (upstream's beat jobs) and
 * keeps their schedules on the engine, as the embedded demo does.
 */
public final class PipelineWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineWorker.class);

  private final Databases databases;
  private final PipelineServices services;
  private final CairnWorker worker;
  private final CairnClient client;
  private PipelineHttpServer http;
  private Thread scheduling;

  private PipelineWorker(Databases databases, PipelineServices services, CairnWorker worker, CairnClient client) {
    this.databases = databases;
    this.services = services;
    this.worker = worker;
    this.client = client;
  }

  /** Starts the worker (and the webhook endpoint when configured). */
  public static PipelineWorker start(PipelineConfig config) {
    LOG.info("pipeline worker configuration:\n{}", config.describe());
    Databases databases = Databases.open(config);
    PipelineServices services = null;
    CairnClient client = null;
    PipelineWorker started = null;
    try {
      services = PipelineComponents.services(config, databases);
      int port = config.get(Setting.PIPELINE_HTTP_PORT).map(Integer::parseInt).orElse(0);
      boolean maintenance = config.flag(Setting.PIPELINE_MAINTENANCE);
      if (port > 0 || maintenance) {
        // The HTTP endpoints and the maintenance steps trigger runs, which needs a CLIENT or ADMIN token.
        client = CairnClient.builder(config.require(Setting.CAIRN_TARGET))
            .token(config.get(Setting.PIPELINE_CLIENT_TOKEN).orElseGet(() -> token(config))).build();
        requireClientRole(client, port > 0 ? "PIPELINE_HTTP_PORT is set" : "PIPELINE_MAINTENANCE is on");
      }
      CairnWorker.Builder builder = CairnWorker.builder(config.require(Setting.CAIRN_TARGET)).token(token(config))
          .slots(config.requireInt(Setting.CAIRN_WORKER_SLOTS))
          .register(PipelineComponents.workflows(services, config.list(Setting.PIPELINE_WORKFLOWS)))
          // Like upstream's ensure_rate_limit: every worker upserts the shared LLM budget when it registers.
          .rateLimit(PipelineLimits.LLM, config.requireInt(Setting.LLM_RATE_LIMIT_PER_SECOND), PipelineLimits.LLM_PERIOD);
      if (maintenance) {
        CairnClient runs = client;
        builder.register(PipelineComponents.maintenanceWorkflows(new DailyMaintenance(services, () -> runs,
            config.require(Setting.DAILYCO_STORAGE_AWS_BUCKET_NAME))));
      }
      config.pairs(Setting.CAIRN_WORKER_LABELS).forEach(builder::label);
      config.get(Setting.CAIRN_WORKER_ID).ifPresent(builder::workerId);
      started = new PipelineWorker(databases, services, builder.build(), client);
      started.worker.start();
      if (maintenance) {
        started.keepSchedules(config);
      }
      if (port > 0) {
        started.serveHttp(config, port);
      }
      return started;
    } catch (RuntimeException e) {
      if (started != null) {
        started.close();
      } else {
        if (client != null) {
          client.close();
        }
        if (services != null) {
          services.scratch().close();
        }
        databases.close();
      }
      throw e;
    }
  }

  /**
   * Once the worker has registered the maintenance workflows with the engine (a schedule names a workflow the engine
   * knows), creates or updates their schedules, trying again while the engine cannot be reached.
   */
  private void keepSchedules(PipelineConfig config) {
    scheduling = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          if (worker.isRegistered()) {
            DailyMaintenance.applySchedules(client.schedules(), config);
            LOG.info("maintenance schedules are in place on the engine");
            return;
          }
          Thread.sleep(200);
        } catch (RuntimeException e) {
          // The engine unreachable or refusing: said, and tried again; this thread must not end silently.
          LOG.warn("cannot set the maintenance schedules yet ({}); trying again in 5 s", e.getMessage());
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException stop) {
            return;
          }
        } catch (InterruptedException stop) {
          return;
        }
      }
    }, "pipeline-maintenance-schedules");
    scheduling.setDaemon(true);
    scheduling.start();
  }

  /** The HTTP endpoints, triggering runs and checking tokens through a client of the engine. */
  private void serveHttp(PipelineConfig config, int port) {
    String secret = config.get(Setting.DAILY_WEBHOOK_SECRET).orElse(null);
    if (secret == null) {
      LOG.warn("Daily webhook endpoint is off: DAILY_WEBHOOK_SECRET is not set, and unsigned webhooks are never "
          + "accepted");
    }
    http = PipelineHttpServer.builder(DailyIngest.of(services, client, config), services,
            TokenCheck.remote(client, Clock.systemUTC()))
        .port(port).dailyWebhookSecret(secret)
        .maxEventStreams(config.requireInt(Setting.PIPELINE_HTTP_MAX_EVENT_STREAMS)).start();
  }

  /**
   * The endpoints and the maintenance steps trigger runs, which a WORKER token may not: refuse to start with one
   * rather than fail every webhook and tick. An engine that cannot be asked yet (still starting) is not a reason to
   * stop.
   *
   * @param why the setting that needs the client, for the message
   */
  private static void requireClientRole(CairnClient client, String why) {
    Role role;
    try {
      role = client.whoAmI().role();
    } catch (CairnException e) {
      LOG.warn("cannot check the token's role yet (the engine answered: {}); {}, which needs a CLIENT or ADMIN token",
          e.getMessage(), why);
      return;
    }
    if (role == Role.WORKER) {
      throw new IllegalArgumentException(why + " but the token to trigger runs with is a WORKER token: triggering"
          + " runs needs a CLIENT or ADMIN token; set PIPELINE_CLIENT_TOKEN");
    }
  }

  static String token(PipelineConfig config) {
    if (config.isSet(Setting.CAIRN_TOKEN)) {
      return config.require(Setting.CAIRN_TOKEN);
    }
    Path file = Path.of(config.get(Setting.CAIRN_TOKEN_FILE).orElseThrow(() -> new IllegalArgumentException(
        "CAIRN_TOKEN or CAIRN_TOKEN_FILE is required to connect to the engine")));
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("CAIRN_TOKEN_FILE " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CAIRN_TOKEN_FILE " + file, e);
    }
  }

  /** Runs until the process is told to stop (SIGTERM, Ctrl-C), then drains running steps. */
  public static void main(PipelineConfig config) throws InterruptedException {
    PipelineWorker worker = start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      stopped.countDown();
    }, "pipeline-worker-shutdown"));
    stopped.await();
  }

  @Override
  public void close() {
    if (scheduling != null) {
      scheduling.interrupt();
    }
    if (http != null) {
      http.close();
    }
    worker.close();
    if (client != null) {
      client.close();
    }
    services.scratch().close();
    databases.close();
  }
}
