package dev.cairn.pipeline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.cairn.Cairn;
import dev.cairn.Role;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.RawHttp;
import dev.cairn.testing.Ports;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process that also serves HTTP holds two roles: its steps run under a WORKER token, its webhook triggers
 * runs, which only a CLIENT or ADMIN token may. It refuses to start half-able, and serves with a second token.
 */
class PipelineWorkerTokenTest {
  @TempDir
  Path temp;

  @Test
  void aWorkerTokenAloneIsRefusedForTheHttpEndpointsAndAClientTokenBesideItServes() throws IOException {
    String schema = TestDatabase.newSchema();
    try (FakeServices fakes = new FakeServices();
        Cairn engine = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").build()) {
      engine.start();
      int port = Ports.free();
      Map<String, String> settings = PipelineHarness.workerSettings(fakes, temp.resolve("storage"), schema,
          engine.grpcPort(), engine.tokens().create("worker", Role.WORKER, null).secret());
      settings.put("PIPELINE_HTTP_PORT", Integer.toString(port));

      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> PipelineWorker.start(PipelineConfig.from(settings)));
      assertTrue(refused.getMessage().contains("PIPELINE_CLIENT_TOKEN"), refused.getMessage());

      String clientToken = engine.tokens().create("http", Role.CLIENT, null).secret();
      settings.put("PIPELINE_CLIENT_TOKEN", clientToken);
      try (PipelineWorker worker = PipelineWorker.start(PipelineConfig.from(settings));
          RawHttp answer = RawHttp.send(URI.create("http://127.0.0.1:" + port), "GET",
              "/v1/transcripts/" + UUID.randomUUID(), Map.of("Authorization", "Bearer " + clientToken), null)) {
        assertEquals(404, answer.status(), "the endpoint serves, checking the client token with the engine");
      }
    }
  }
}
