package dev.cairn.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.NewToken;
import dev.cairn.Role;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transcript endpoints admit the engine's CLIENT and ADMIN tokens only, as its gRPC run service does: a missing,
 * malformed or unknown token is 401, a WORKER token 403, and the bearer scheme is matched in any case.
 */
class TranscriptAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @RegisterExtension
  static final TranscriptServer server = new TranscriptServer();

  @Test
  void aTranscriptIsReadOnlyWithAClientOrAdminToken() throws Exception {
    String path = "/v1/transcripts/" + server.transcriptId();
    assertRefused(get(path, null), 401, "Authorization");
    assertRefused(get(path, "Bearer cairn_nope_" + "x".repeat(40)), 401, "Authorization");
    assertRefused(get(path, "Basic dXNlcjpwYXNz"), 401, "Authorization");
    assertRefused(get(path, "Bearer"), 401, "Authorization");
    assertRefused(get(path, "Bearer " + token(Role.WORKER)), 403, "Authorization");

    String client = token(Role.CLIENT);
    for (String scheme : new String[] {"Bearer ", "bearer ", "BEARER  "}) {
      HttpResponse<String> read = get(path, scheme + client);
      assertEquals(200, read.statusCode(), read.body());
      assertEquals(server.transcriptId(), JSON.readTree(read.body()).path("id").asText());
    }
    assertEquals(200, get(path, "Bearer " + token(Role.ADMIN)).statusCode());
  }

  @Test
  void aRevokedTokenIsRefused() throws Exception {
    NewToken created = server.pipeline().cairn().tokens().create("revoked", Role.CLIENT, null);
    String path = "/v1/transcripts/" + server.transcriptId();
    assertEquals(200, get(path, "Bearer " + created.secret()).statusCode());
    server.pipeline().cairn().tokens().revoke(created.info().id());
    assertRefused(get(path, "Bearer " + created.secret()), 401, "Authorization");
  }

  @Test
  void theEventStreamChecksTheTokenBeforeItStarts() throws Exception {
    String path = "/v1/transcripts/" + server.transcriptId() + "/events";
    assertRefused(get(path, null), 401, "Authorization");
    assertRefused(get(path, "Bearer " + token(Role.WORKER)), 403, "Authorization");

    HttpResponse<InputStream> stream = HTTP.send(request(path, "Bearer " + token(Role.CLIENT)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    stream.body().close(); // hang up: the status and headers are all this test needs
    assertEquals(200, stream.statusCode());
    assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse(""));
  }

  private static void assertRefused(HttpResponse<String> response, int status, String field) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(JSON.readTree(response.body()).path("error").asText().contains(field), response.body());
    if (status == 401) {
      assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }
  }

  private static String token(Role role) {
    return server.pipeline().cairn().tokens().create("test-" + role, role, null).secret();
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    return HTTP.send(request(path, authorization).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.pipeline().httpBase() + path));
    return authorization == null ? request : request.header("Authorization", authorization);
  }
}
