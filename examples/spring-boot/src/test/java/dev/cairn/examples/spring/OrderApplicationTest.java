package dev.cairn.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.Cairn;
import dev.cairn.testkit.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example as the README runs it, in one JVM: the engine application (embedded PostgreSQL, REST on a free port,
 * gRPC on a free port, shipping left to workers by {@code cairn.labels.pool=web}) and the same application with the
 * {@code worker} profile, connected with the token the first one wrote; settings as command-line arguments, over
 * application.properties. Real HTTP calls to both.
 */
class OrderApplicationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ConfigurableApplicationContext engineApp;
  private static ConfigurableApplicationContext workerApp;

  @BeforeAll
  static void startBothProcesses() throws IOException {
    Path work = Path.of("target", "spring-example-" + UUID.randomUUID());
    Path tokenFile = work.resolve("worker-token");
    engineApp = new SpringApplicationBuilder(OrderApplication.class).run("--server.port=0", "--cairn.grpc.port=0",
        "--cairn.embedded-data-directory=" + work.resolve("pgdata"), "--cairn.labels.pool=web",
        "--example.worker-token-file=" + tokenFile);
    int grpcPort = engineApp.getBean(Cairn.class).grpcPort();
    workerApp = new SpringApplicationBuilder(OrderApplication.class).profiles("worker").run("--server.port=0",
        "--cairn.server.address=localhost:" + grpcPort, "--cairn.token=" + Files.readString(tokenFile),
        "--cairn.worker.id=example-worker", "--example.warehouse=worker-process");
    Eventually.until("the worker process registered", TIMEOUT,
        () -> get(workerApp, "/actuator/health").path("status").asText().equals("UP"));
  }

  @AfterAll
  static void stop() {
    if (workerApp != null) {
      workerApp.close();
    }
    if (engineApp != null) {
      engineApp.close();
    }
  }

  @Test
  void anOrderPostedToTheEndpointReturnsTheWorkflowsResultShippedByTheWorkerProcess() {
    HttpResponse<String> response = postOrder("tea", 2);
    assertEquals(200, response.statusCode(), response.body());
    JsonNode placed = read(response.body());
    JsonNode shipment = placed.path("shipment");
    assertEquals("tea", shipment.path("item").asText());
    assertEquals(900, shipment.path("totalCents").asLong());
    assertTrue(shipment.path("parcel").asText().startsWith("worker-process/parcel-"), placed.toString());
    UUID runId = UUID.fromString(placed.path("runId").asText());
    assertEquals("example-worker", engineApp.getBean(Cairn.class).getRun(runId).step("ship").orElseThrow()
        .workerId(), "the labelled step ran on the worker process");
  }

  @Test
  void anOrderTheWorkflowRefusesIsUnprocessable() {
    HttpResponse<String> response = postOrder("caviar", 1);
    assertEquals(422, response.statusCode(), response.body());
    assertTrue(read(response.body()).path("error").asText().contains("no such item: caviar"), response.body());
  }

  @Test
  void healthShowsTheEngineItsDatabaseAndTheConnectedWorker() {
    JsonNode health = get(engineApp, "/actuator/health");
    assertEquals("UP", health.path("status").asText(), health.toString());
    JsonNode cairn = health.path("components").path("cairn");
    assertEquals("UP", cairn.path("status").asText(), cairn.toString());
    assertEquals("running", cairn.path("details").path("engine").asText());
    assertEquals("reachable", cairn.path("details").path("database").asText());
    assertEquals(1, cairn.path("details").path("remoteWorkers").asInt(), cairn.toString());
    JsonNode worker = get(workerApp, "/actuator/health").path("components").path("cairn");
    assertEquals("registered", worker.path("details").path("worker").asText(), worker.toString());
  }

  @Test
  void prometheusHasTheEnginesSeriesAndTheyMoveWithARun() {
    double before = finishedRuns();
    assertEquals(200, postOrder("cake", 1).statusCode());
    assertEquals(before + 1, finishedRuns(), "cairn_runs_finished_total counted the run");
    assertTrue(text(workerApp, "/actuator/prometheus").lines().anyMatch(line -> line.startsWith("cairn_worker_slots ")),
        "the worker process's meters are in its own /actuator/prometheus");
  }

  private static double finishedRuns() {
    String metrics = text(engineApp, "/actuator/prometheus");
    return metrics.lines()
        .filter(line -> line.startsWith("cairn_runs_finished_total{"))
        .filter(line -> line.contains("status=\"SUCCEEDED\"") && line.contains("workflow=\"spring-order\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static HttpResponse<String> postOrder(String item, int quantity) {
    String body = "{\"item\": \"" + item + "\", \"quantity\": " + quantity + "}";
    return send(HttpRequest.newBuilder(uri(engineApp, "/orders")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static JsonNode get(ConfigurableApplicationContext application, String path) {
    return read(text(application, path));
  }

  private static String text(ConfigurableApplicationContext application, String path) {
    return send(HttpRequest.newBuilder(uri(application, path)).GET().build()).body();
  }

  private static URI uri(ConfigurableApplicationContext application, String path) {
    return URI.create("http://localhost:" + application.getEnvironment().getProperty("local.server.port") + path);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(request + " interrupted", e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
