package dev.cairn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Role;
import dev.cairn.testing.RawWorker;
import dev.cairn.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's settings: each one reaches the engine, and one that does not parse is named. */
class CairnServerSettingsTest {
  private static Map<String, String> database(Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(Map.of("CAIRN_JDBC_URL", TestDatabase.jdbcUrl(), "CAIRN_DB_USER",
        "postgres", "CAIRN_DB_PASSWORD", "postgres", "CAIRN_SCHEMA", TestDatabase.newSchema(), "CAIRN_GRPC_PORT", "0"));
    settings.putAll(more);
    return settings;
  }

  @Test
  void theLeaseDurationIsConfigurableAndWorkersAreToldIt() {
    try (Cairn cairn = CairnServer.configure(database(Map.of("CAIRN_LEASE_DURATION", "7s"))).build()) {
      cairn.start();
      String token = cairn.tokens().create("w", Role.WORKER, null).secret();
      try (RawWorker worker = RawWorker.connect("127.0.0.1:" + cairn.grpcPort(), token)) {
        assertEquals(7_000, worker.register("settings", 1, List.of(), List.of()).getRegistered().getLeaseMs());
      }
    }
  }

  @Test
  void theDashboardPortServesTheDashboardToTheServersTokens() throws Exception {
    try (Cairn cairn = CairnServer.configure(database(Map.of("CAIRN_DASHBOARD_PORT", "0"))).build()) {
      cairn.start();
      String token = cairn.tokens().create("ops", Role.CLIENT, null).secret();
      URI whoami = URI.create("http://localhost:" + cairn.dashboardPort() + "/api/whoami");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> known = http.send(HttpRequest.newBuilder(whoami).header("Authorization", "Bearer " + token)
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, known.statusCode(), known.body());
      assertEquals("{\"role\":\"CLIENT\"}", known.body());
      assertEquals(401, http.send(HttpRequest.newBuilder(whoami).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode());
    }
  }

  @Test
  void aSettingThatDoesNotParseIsNamed() {
    for (Map.Entry<String, String> bad : List.of(Map.entry("CAIRN_LEASE_DURATION", "soon"),
        Map.entry("CAIRN_SHUTDOWN_TIMEOUT", "-5s"), Map.entry("CAIRN_DB_STARTUP_WAIT", "99999999999999999999d"),
        Map.entry("CAIRN_GRPC_PORT", "seventy"), Map.entry("CAIRN_GRPC_MAX_MESSAGE_BYTES", "1e9"),
        Map.entry("CAIRN_RETENTION", "30s"), Map.entry("CAIRN_RETENTION", "never"),
        Map.entry("CAIRN_DASHBOARD_PORT", "web"), Map.entry("CAIRN_NODE_ID", "n".repeat(201)),
        Map.entry("CAIRN_NODE_ID", "node\u0000a"), Map.entry("CAIRN_NODE_ID", "node\ta"),
        Map.entry("CAIRN_NODE_ID", "   "))) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> CairnServer.configure(database(Map.of(bad.getKey(), bad.getValue()))), bad.toString());
      assertTrue(error.getMessage().startsWith(bad.getKey()), error.getMessage());
    }
  }
}
