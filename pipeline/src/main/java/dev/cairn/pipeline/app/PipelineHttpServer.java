package dev.cairn.pipeline.app;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.pipeline.workflow.PipelineServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's HTTP endpoints: Daily's webhook ({@code POST /v1/daily/webhook}, only with a webhook secret:
 * unsigned webhooks are never accepted) and read access to transcripts with their live event stream.
 */
public final class PipelineHttpServer implements AutoCloseable {
  public static final String DAILY_WEBHOOK_PATH = DailyWebhookHandler.PATH;
  private static final Logger LOG = LoggerFactory.getLogger(PipelineHttpServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * Starts listening on {@code port} (0: any free port). {@code dailyWebhookSecret} null: no webhook endpoint.
   */
  public PipelineHttpServer(int port, String dailyWebhookSecret, DailyIngest ingest, PipelineServices services) {
    DailyWebhookHandler webhook = dailyWebhookSecret == null ? null
        : new DailyWebhookHandler(dailyWebhookSecret, ingest, services.json());
    try {
      this.server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for HTTP on port " + port + ": " + e.getMessage(), e);
    }
    // Event streams hold their thread for as long as the client listens, so threads are made as needed.
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "pipeline-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    if (webhook != null) {
      server.createContext(DailyWebhookHandler.PATH, webhook);
    }
    server.createContext(TranscriptHandler.PATH, new TranscriptHandler(services.transcripts(), services.json()));
    server.start();
    LOG.info("pipeline HTTP on port {}: {}GET {}{{id}}[/events]", port(),
        webhook == null ? "" : "POST " + DailyWebhookHandler.PATH + ", ", TranscriptHandler.PATH);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
