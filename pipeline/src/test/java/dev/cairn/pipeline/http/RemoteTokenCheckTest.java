package dev.cairn.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.client.CairnClient;
import dev.cairn.pipeline.app.PipelineHttpServer;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.ManualClock;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.testing.TestEngines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker checks bearer tokens by asking its remote engine (AuthService.WhoAmI) and remembers each answer, positive
 * or negative, for five seconds of its clock; when the engine cannot be asked, the endpoints answer 503.
 */
class RemoteTokenCheckTest {
  private static final String UNKNOWN = "cairn_nope_" + "x".repeat(40);

  @TempDir
  Path temp;

  @Test
  void answersAreRememberedFiveSecondsAndAnEngineThatCannotBeAskedIs503() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-03T14:10:00Z"));
    Cairn engine = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1").build();
    engine.start();
    NewToken client = engine.tokens().create("reader", Role.CLIENT, null);
    NewToken worker = engine.tokens().create("worker", Role.WORKER, null);
    try (CairnClient remote = CairnClient.builder("127.0.0.1:" + engine.grpcPort()).token(worker.secret()).build();
        FakeServices fakes = new FakeServices();
        PipelineHarness pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes, temp.resolve("s")))) {
      TokenCheck check = TokenCheck.remote(remote, clock);
      assertEquals(Optional.of(Role.CLIENT), check.roleOf(client.secret()));
      assertEquals(Optional.of(Role.WORKER), check.roleOf(worker.secret()));
      assertEquals(Optional.empty(), check.roleOf(UNKNOWN));

      engine.tokens().revoke(client.info().id());
      assertEquals(Optional.of(Role.CLIENT), check.roleOf(client.secret()), "remembered for five seconds");
      clock.advance(CachedTokenCheck.DEFAULT_TTL);
      assertEquals(Optional.empty(), check.roleOf(client.secret()), "asked again: revoked");
      assertEquals(Optional.empty(), check.roleOf(UNKNOWN));

      engine.close();
      assertEquals(Optional.empty(), check.roleOf(client.secret()), "a remembered no needs no engine");
      assertEquals(Optional.empty(), check.roleOf(UNKNOWN), "a remembered no needs no engine");
      assertThrows(CairnException.class, () -> check.roleOf(worker.secret()), "forgotten, and nobody to ask");

      try (PipelineHttpServer server = pipeline.httpServer(check).start()) {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/transcripts/some-id"))
            .header("Authorization", "Bearer cairn_other_" + "y".repeat(40)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(new ObjectMapper().readTree(answer.body()).path("error").asText().contains("Authorization"));
      }
    } finally {
      engine.close();
    }
  }
}
