package dev.cairn.dashboard;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A started engine serving the dashboard on a free port (a schema of its own on the test JVM's PostgreSQL) with the
 * dashboard workflows and a token of each role; one per test class:
 * {@code @RegisterExtension static final DashboardEngine engine = new DashboardEngine();}.
 */
final class DashboardEngine implements BeforeAllCallback, AfterAllCallback {
  /**
   * The metadata key that has links on this dashboard, and the URL template of its first link: a port nothing
   * listens on, so that the page's fetch fails at once.
   */
  static final String TICKET_KEY = "ticket";
  static final String TICKET_URL = "http://127.0.0.1:9/t/{value}";
  private final HttpClient http = HttpClient.newHttpClient();
  private Cairn cairn;
  private String schema;
  private NewToken client;
  private NewToken admin;
  private NewToken worker;

  @Override
  public void beforeAll(ExtensionContext context) {
    schema = TestDatabase.newSchema();
    Cairn.Builder builder = TestEngines.builder(schema).dashboardPort(0)
        .dashboardLink(TICKET_KEY, "ticket", TICKET_URL)
        .dashboardLink(TICKET_KEY, "ticket events", TICKET_URL + "/events");
    DashboardWorkflows.all().forEach(builder::register);
    cairn = builder.build();
    cairn.start();
    client = cairn.tokens().create("dashboard client", Role.CLIENT, null);
    admin = cairn.tokens().create("dashboard admin", Role.ADMIN, null);
    worker = cairn.tokens().create("dashboard worker", Role.WORKER, null);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cairn != null) {
      cairn.close();
    }
  }

  Cairn cairn() {
    return cairn;
  }

  String address() {
    return "http://localhost:" + cairn.dashboardPort() + "/";
  }

  String client() {
    return client.secret();
  }

  String admin() {
    return admin.secret();
  }

  String worker() {
    return worker.secret();
  }

  String runStatusInDatabase(UUID runId) {
    return TestDatabase.queryText("SELECT status FROM " + schema + ".runs WHERE id = '" + runId + "'");
  }

  /** A raw request: {@code path} as written (no encoding), the token (null: none) and an optional JSON body. */
  HttpResponse<String> send(String method, String path, String token, String jsonBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address().replaceAll("/$", "") + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String token) {
    return send("GET", path, token, null);
  }
}
