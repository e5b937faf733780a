package dev.cairn.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.pipeline.app.PipelineHttpServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transcript endpoints over real HTTP as a page of another origin (the dashboard) calls them: the preflight is
 * answered, and every answer, refusals included, allows the origin; the Daily webhook gets no CORS headers.
 */
class TranscriptCorsTest {
  private static final String ORIGIN = "http://localhost:8081";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @RegisterExtension
  static final TranscriptServer server = new TranscriptServer();

  @Test
  void thePreflightIsAnsweredWithTheMethodAndHeadersAllowed() throws Exception {
    String transcript = "/v1/transcripts/" + server.transcriptId();
    for (String path : List.of(transcript, transcript + "/events")) {
      HttpResponse<String> preflight = send(request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Access-Control-Request-Method", "GET")
          .header("Access-Control-Request-Headers", "authorization,last-event-id"));
      assertEquals(204, preflight.statusCode(), path);
      assertEquals(Optional.of("*"), preflight.headers().firstValue("Access-Control-Allow-Origin"));
      assertEquals(Optional.of("GET"), preflight.headers().firstValue("Access-Control-Allow-Methods"));
      assertEquals(Optional.of("Authorization, Last-Event-ID"),
          preflight.headers().firstValue("Access-Control-Allow-Headers"));
      assertTrue(preflight.headers().firstValue("Access-Control-Max-Age").isPresent());
      assertEquals("", preflight.body());
    }
  }

  @Test
  void answersAllowTheOriginRefusalsIncluded() throws Exception {
    String path = "/v1/transcripts/" + server.transcriptId();
    HttpResponse<String> read = send(withToken(request(path)));
    assertEquals(200, read.statusCode(), read.body());
    assertTrue(read.body().contains(server.transcriptId()), read.body());
    assertAllowed(read);

    assertAllowed(expect(401, send(request(path))));
    assertAllowed(expect(404, send(withToken(request("/v1/transcripts/no-such-transcript")))));
    assertAllowed(expect(405, send(withToken(request(path).POST(HttpRequest.BodyPublishers.ofString("{}"))))));
  }

  @Test
  void theEventStreamAllowsTheOrigin() throws Exception {
    HttpResponse<InputStream> stream = HTTP.send(withToken(request("/v1/transcripts/" + server.transcriptId()
        + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = stream.body()) {
      assertEquals(200, stream.statusCode());
      assertEquals(Optional.of("text/event-stream"), stream.headers().firstValue("Content-Type"));
      assertEquals(Optional.of("*"), stream.headers().firstValue("Access-Control-Allow-Origin"));
    }
  }

  @Test
  void theDailyWebhookHasNoCorsHeaders() throws Exception {
    HttpResponse<String> preflight = send(request(PipelineHttpServer.DAILY_WEBHOOK_PATH)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Access-Control-Request-Method", "POST"));
    assertTrue(preflight.statusCode() != 204, "status " + preflight.statusCode());
    assertEquals(Optional.empty(), preflight.headers().firstValue("Access-Control-Allow-Origin"));
    HttpResponse<String> get = send(request(PipelineHttpServer.DAILY_WEBHOOK_PATH));
    assertEquals(Optional.empty(), get.headers().firstValue("Access-Control-Allow-Origin"));
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.pipeline().httpBase() + path)).header("Origin", ORIGIN);
  }

  private static HttpRequest.Builder withToken(HttpRequest.Builder request) {
    return request.header("Authorization", "Bearer " + server.pipeline().clientToken());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.body().length() < 500, "a short JSON error, no echo: " + response.body());
    return response;
  }

  private static void assertAllowed(HttpResponse<String> response) {
    assertEquals(Optional.of("*"), response.headers().firstValue("Access-Control-Allow-Origin"),
        "status " + response.statusCode());
  }
}
