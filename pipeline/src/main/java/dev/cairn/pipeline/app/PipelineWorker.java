package dev.cairn.pipeline.app;

import dev.cairn.client.CairnClient;
import dev.cairn.pipeline.http.TokenCheck;
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
 * bearers of the engine's CLIENT and ADMIN tokens (checked by asking the engine, answers kept a few seconds).
 */
public final class PipelineWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineWorker.class);

  private final Databases databases;
  private final CairnWorker worker;
  private final CairnClient client;
  private final PipelineHttpServer http;

  private PipelineWorker(Databases databases, CairnWorker worker, CairnClient client, PipelineHttpServer http) {
    this.databases = databases;
    this.worker = worker;
    this.client = client;
    this.http = http;
  }

  /** Starts the worker (and the webhook endpoint when configured). */
  public static PipelineWorker start(PipelineConfig config) {
    LOG.info("pipeline worker configuration:\n{}", config.describe());
    Databases databases = Databases.open(config);
    try {
      PipelineServices services = PipelineComponents.services(config, databases);
      String target = config.require(Setting.CAIRN_TARGET);
      String token = token(config);
      CairnWorker.Builder builder = CairnWorker.builder(target).token(token)
          .slots(config.requireInt(Setting.CAIRN_WORKER_SLOTS))
          .register(PipelineComponents.workflows(services));
      config.get(Setting.CAIRN_WORKER_ID).ifPresent(builder::workerId);
      CairnWorker worker = builder.build();
      worker.start();
      CairnClient client = null;
      PipelineHttpServer http = null;
      int port = config.get(Setting.PIPELINE_HTTP_PORT).map(Integer::parseInt).orElse(0);
      if (port > 0) {
        String secret = config.get(Setting.DAILY_WEBHOOK_SECRET).orElse(null);
        if (secret == null) {
          LOG.warn("Daily webhook endpoint is off: DAILY_WEBHOOK_SECRET is not set, and unsigned webhooks are never "
              + "accepted");
        }
        client = CairnClient.builder(target).token(token).build();
        http = PipelineHttpServer.builder(DailyIngest.of(services, RunGateway.remote(client), config), services,
                TokenCheck.remote(client, Clock.systemUTC()))
            .port(port).dailyWebhookSecret(secret)
            .maxEventStreams(config.requireInt(Setting.PIPELINE_HTTP_MAX_EVENT_STREAMS)).start();
      }
      return new PipelineWorker(databases, worker, client, http);
    } catch (RuntimeException e) {
      databases.close();
      throw e;
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
    if (http != null) {
      http.close();
    }
    worker.close();
    if (client != null) {
      client.close();
    }
    databases.close();
  }
}
