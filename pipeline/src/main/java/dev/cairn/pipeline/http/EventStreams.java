package dev.cairn.pipeline.http;

import com.sun.net.httpserver.HttpExchange;
import dev.cairn.pipeline.transcript.TranscriptEvent;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.pipeline.transcript.TranscriptSubscription;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Transcript event logs as Server-Sent Events: every stored event after the reader's {@code Last-Event-ID}, then new
 * ones as they are appended ({@link TranscriptSubscription}: no database connection is held while waiting). Each
 * event's {@code id} is its sequence number, so a client that reconnects resumes where it stopped.
 *
 * <p>At most {@code max} streams are open at once (each holds a thread); one more is answered 503. A comment line
 * goes out every {@code heartbeat} when nothing else does: a client that went away is only noticed when a write
 * fails, and the heartbeat makes that happen within about two heartbeats. Thread-safe.
 */
public final class EventStreams {
  /** Streams open at once by default. */
  public static final int DEFAULT_MAX = 100;
  /** Quiet time after which a heartbeat comment is sent, by default. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

  private final TranscriptStore transcripts;
  private final int max;
  private final Semaphore open;
  private final Duration heartbeat;

  public EventStreams(TranscriptStore transcripts, int max, Duration heartbeat) {
    if (max < 1) {
      throw new IllegalArgumentException("the most event streams at once must be at least 1, got " + max);
    }
    if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("the event stream heartbeat must be positive, got " + heartbeat);
    }
    this.transcripts = transcripts;
    this.max = max;
    this.open = new Semaphore(max);
    this.heartbeat = heartbeat;
  }

  /** Streams until the client goes away (a write fails) or the server stops (this thread is interrupted). */
  void serve(HttpExchange exchange, String transcriptId, long afterSeq) throws IOException {
    if (!open.tryAcquire()) {
      throw new RequestRefused(503, null, "too many event streams are open (at most " + max + "); retry later")
          .withHeader("Retry-After", "5");
    }
    try (TranscriptSubscription subscription = transcripts.subscribe(transcriptId, afterSeq)) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, ": connected\n\n");
      while (!Thread.currentThread().isInterrupted()) {
        List<TranscriptEvent> events = subscription.next(heartbeat);
        write(out, events.isEmpty() ? ": heartbeat\n\n" : frames(events));
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } finally {
      open.release();
    }
  }

  private static String frames(List<TranscriptEvent> events) {
    StringBuilder frames = new StringBuilder();
    for (TranscriptEvent event : events) {
      frames.append("id: ").append(event.seq()).append("\nevent: ").append(event.event()).append("\ndata: ")
          .append(event.data()).append("\n\n");
    }
    return frames.toString();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
