package dev.cairn.pipeline.app;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.pipeline.daily.DailyWebhookVerifier;
import dev.cairn.pipeline.http.CrossOriginReads;
import dev.cairn.pipeline.http.EventStreams;
import dev.cairn.pipeline.http.JsonErrorBoundary;
import dev.cairn.pipeline.http.TokenCheck;
import dev.cairn.pipeline.http.TranscriptEndpoint;
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
 * unsigned webhooks are never accepted) and read access to transcripts with their live event stream, for holders of
 * the engine's CLIENT and ADMIN tokens ({@link TranscriptEndpoint}), also from pages of other origins
 * ({@link CrossOriginReads}). Every answer, failures included, has a status
 * and a JSON body ({@link JsonErrorBoundary}).
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
    EventStreams streams = new EventStreams(services.transcripts(), builder.maxEventStreams, builder.heartbeat);
    // Cross-origin reads, so that the dashboard's page (another port) can open a transcript with its token.
    server.createContext(TranscriptEndpoint.PATH, new CrossOriginReads(new JsonErrorBoundary("transcripts",
        new TranscriptEndpoint(services.transcripts(), builder.tokens, streams, services.json()), services.json())));
    server.start();
    LOG.info("pipeline HTTP on port {}: {}GET {}{{id}}[/events] (bearer token)", port(),
        builder.dailyWebhookSecret == null ? "" : "POST " + DailyWebhookHandler.PATH + ", ", TranscriptEndpoint.PATH);
  }

  /**
   * A server for this process's ingest and services, admitting to transcripts the holders of the tokens
   * {@code tokens} accepts as CLIENT or ADMIN; configure it, then {@link Builder#start()}.
   */
  public static Builder builder(DailyIngest ingest, PipelineServices services, TokenCheck tokens) {
    return new Builder(ingest, services, tokens);
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
    private final TokenCheck tokens;
    private int port;
    private String dailyWebhookSecret;
    private Clock clock = Clock.systemUTC();
    private Duration webhookWindow = DailyWebhookVerifier.DEFAULT_WINDOW;
    private int maxEventStreams = EventStreams.DEFAULT_MAX;
    private Duration heartbeat = EventStreams.DEFAULT_HEARTBEAT;

    private Builder(DailyIngest ingest, PipelineServices services, TokenCheck tokens) {
      this.ingest = Objects.requireNonNull(ingest, "ingest");
      this.services = Objects.requireNonNull(services, "services");
      this.tokens = Objects.requireNonNull(tokens, "tokens");
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

    /** Event streams open at once; one more is answered 503. {@value EventStreams#DEFAULT_MAX} by default. */
    public Builder maxEventStreams(int max) {
      this.maxEventStreams = max;
      return this;
    }

    /** Quiet time after which an event stream sends a heartbeat comment; 5 seconds by default. */
    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
      return this;
    }

    /** Starts listening. */
    public PipelineHttpServer start() {
      return new PipelineHttpServer(this);
    }
  }
}
