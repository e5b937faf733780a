package dev.cairn.pipeline.app;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.pipeline.daily.DailyWebhookVerifier;
import dev.cairn.pipeline.http.JsonErrorBoundary;
import dev.cairn.pipeline.workflow.PipelineServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's HTTP endpoints: Daily's webhook ({@code POST /v1/daily/webhook}, only with a webhook secret:
 * unsigned webhooks are never accepted) and read access to transcripts with their live event stream. Every answer,
 * failures included, has a status and a JSON body ({@link JsonErrorBoundary}).
 */
public final class PipelineHttpServer implements AutoCloseable {
  public static final String DAILY_WEBHOOK_PATH = DailyWebhookHandler.PATH;
  private static final Logger LOG = LoggerFactory.getLogger(PipelineHttpServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private PipelineHttpServer(Builder builder) {
    try {
      this.server = HttpServer.create(new InetSocketAddress(builder.port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for HTTP on port " + builder.port + ": " + e.getMessage(), e);
    }
    // Event streams hold their thread for as long as the client listens, so threads are made as needed.
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "pipeline-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    PipelineServices services = builder.services;
    if (builder.dailyWebhookSecret != null) {
      DailyWebhookVerifier verifier = new DailyWebhookVerifier(builder.dailyWebhookSecret, builder.clock,
          builder.webhookWindow);
      server.createContext(DailyWebhookHandler.PATH, new JsonErrorBoundary("Daily webhook",
          new DailyWebhookHandler(verifier, builder.ingest, services.json()), services.json()));
    }
    server.createContext(TranscriptHandler.PATH, new TranscriptHandler(services.transcripts(), services.json()));
    server.start();
    LOG.info("pipeline HTTP on port {}: {}GET {}{{id}}[/events]", port(),
        builder.dailyWebhookSecret == null ? "" : "POST " + DailyWebhookHandler.PATH + ", ", TranscriptHandler.PATH);
  }

  /** A server for this process's ingest and services; configure it, then {@link Builder#start()}. */
  public static Builder builder(DailyIngest ingest, PipelineServices services) {
    return new Builder(ingest, services);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Settings of the HTTP endpoints, each with a default. Not thread-safe; build once. */
  public static final class Builder {
    private final DailyIngest ingest;
    private final PipelineServices services;
    private int port;
    private String dailyWebhookSecret;
    private Clock clock = Clock.systemUTC();
    private Duration webhookWindow = DailyWebhookVerifier.DEFAULT_WINDOW;

    private Builder(DailyIngest ingest, PipelineServices services) {
      this.ingest = Objects.requireNonNull(ingest, "ingest");
      this.services = Objects.requireNonNull(services, "services");
    }

    /** The port to listen on; 0 (the default) takes any free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("HTTP port must be in 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Daily's base64 webhook secret; null (the default) leaves the webhook endpoint off. */
    public Builder dailyWebhookSecret(String base64Secret) {
      this.dailyWebhookSecret = base64Secret;
      return this;
    }

    /** The clock webhook timestamps are checked against; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How far either way a webhook's timestamp may lie from {@link #clock}; 5 minutes by default. */
    public Builder webhookWindow(Duration window) {
      this.webhookWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /** Starts listening. */
    public PipelineHttpServer start() {
      return new PipelineHttpServer(this);
    }
  }
}
