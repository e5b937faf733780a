package dev.cairn.pipeline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.pipeline.transcript.UnknownTranscriptException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read access to transcripts over HTTP, for holders of a CLIENT or ADMIN token ({@link BearerAuth}):
 * {@code GET /v1/transcripts/{id}} (the transcript as JSON, {@link TranscriptView}) and
 * {@code GET /v1/transcripts/{id}/events} (its event log, then live, {@link EventStreams}; {@code Last-Event-ID}
 * resumes after that event). Checks the method, the token, the path and the id, and the {@code Last-Event-ID}, in
 * that order, before reading anything. Thread-safe.
 */
public final class TranscriptEndpoint implements JsonErrorBoundary.Endpoint {
  public static final String PATH = "/v1/transcripts/";
  /** Matched against the raw path: an id with a percent-escape is not an id. */
  private static final Pattern ROUTE = Pattern.compile("/v1/transcripts/([^/]*)(/events)?");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern SEQUENCE_NUMBER = Pattern.compile("\\d{1,19}");

  private final TranscriptStore transcripts;
  private final BearerAuth auth;
  private final EventStreams streams;
  private final ObjectMapper json;

  public TranscriptEndpoint(TranscriptStore transcripts, TokenCheck tokens, EventStreams streams, ObjectMapper json) {
    this.transcripts = transcripts;
    this.auth = new BearerAuth(tokens);
    this.streams = streams;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      throw new RequestRefused(405, "method", "use GET").withHeader("Allow", "GET");
    }
    auth.require(exchange);
    Matcher route = ROUTE.matcher(exchange.getRequestURI().getRawPath());
    if (!route.matches()) {
      throw new RequestRefused(404, "path", "no such resource; use " + PATH + "{id} or " + PATH + "{id}/events");
    }
    String id = route.group(1);
    if (!ID.matcher(id).matches()) {
      throw new RequestRefused(400, "id", "a transcript id is 1..64 letters, digits or '-'");
    }
    if (route.group(2) == null) {
      Transcript transcript = transcripts.find(id).orElseThrow(() -> unknown(id));
      HttpAnswers.json(exchange, json, 200, TranscriptView.of(json, transcript));
      return;
    }
    long after = lastEventId(exchange.getRequestHeaders().get("Last-Event-ID"));
    try {
      transcripts.status(id); // one short query: the stream is only for a transcript that exists
    } catch (UnknownTranscriptException e) {
      throw unknown(id);
    }
    streams.serve(exchange, id, after);
  }

  private static long lastEventId(List<String> headers) {
    if (headers == null || headers.isEmpty()) {
      return 0;
    }
    String value = headers.get(0).strip();
    if (headers.size() > 1 || !value.isEmpty() && !SEQUENCE_NUMBER.matcher(value).matches()) {
      throw lastEventIdRefused();
    }
    try {
      return value.isEmpty() ? 0 : Long.parseLong(value);
    } catch (NumberFormatException tooLarge) {
      throw lastEventIdRefused();
    }
  }

  private static RequestRefused lastEventIdRefused() {
    return new RequestRefused(400, "Last-Event-ID", "Last-Event-ID must be one event sequence number (0.."
        + Long.MAX_VALUE + ")");
  }

  private static RequestRefused unknown(String id) {
    return new RequestRefused(404, "id", "no transcript with id " + id);
  }
}
