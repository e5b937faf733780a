package dev.cairn.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.ScheduleSpec;
import dev.cairn.TriggerOptions;
import dev.cairn.testing.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DashboardApiTest {
  @RegisterExtension
  static final DashboardEngine engine = new DashboardEngine();
  private static final ObjectMapper json = new ObjectMapper();

  private static JsonNode ok(String path) throws Exception {
    HttpResponse<String> response = engine.get(path, engine.client());
    assertEquals(200, response.statusCode(), response.body());
    return json.readTree(response.body());
  }

  private static RunHandle<Object> trigger(String workflow, Object input, Map<String, String> metadata) {
    return engine.cairn().trigger(workflow, input, TriggerOptions.builder().metadata(metadata).build());
  }

  @Test
  void theRunListFiltersByWorkflowStatusAndMetadataAndCountsEveryStatus() throws Exception {
    String tag = UUID.randomUUID().toString();
    RunHandle<Object> done = trigger("diamond", "a", Map.of("batch", tag));
    done.await(Duration.ofSeconds(30));
    RunHandle<Object> held = trigger("waiting", tag, Map.of("batch", tag));
    Await.until("the waiting run runs", Duration.ofSeconds(30),
        () -> engine.cairn().getRun(held.id()).status() == RunStatus.RUNNING);

    JsonNode all = ok("/api/runs?meta=batch%3D" + tag);
    assertEquals(2, all.get("runs").size());
    assertEquals(1, all.get("counts").get("SUCCEEDED").asInt());
    assertEquals(1, all.get("counts").get("RUNNING").asInt());
    assertEquals(0, all.get("counts").get("FAILED").asInt());

    JsonNode succeeded = ok("/api/runs?status=succeeded&meta=batch%3D" + tag);
    assertEquals(1, succeeded.get("runs").size());
    assertEquals(done.id().toString(), succeeded.get("runs").get(0).get("id").asText());
    assertEquals(1, succeeded.get("counts").get("RUNNING").asInt(), "counts ignore the status filter");

    JsonNode waiting = ok("/api/runs?workflow=waiting&meta=batch%3D" + tag);
    assertEquals(held.id().toString(), waiting.get("runs").get(0).get("id").asText());
    engine.cairn().cancel(held.id());
  }

  @Test
  void aRunCarriesTheConfiguredLinksOfItsMetadataWithTheValueEncoded() throws Exception {
    RunHandle<Object> ticketed = trigger("diamond", "t", Map.of(DashboardEngine.TICKET_KEY, "a b/c?d&e#f"));
    JsonNode links = ok("/api/runs/" + ticketed.id()).get("links");
    assertEquals(2, links.size(), links.toString());
    assertEquals("ticket", links.get(0).get("label").asText());
    assertEquals(DashboardEngine.TICKET_KEY, links.get(0).get("key").asText());
    assertEquals("http://127.0.0.1:9/t/a%20b%2Fc%3Fd%26e%23f", links.get(0).get("url").asText());
    assertEquals("ticket events", links.get(1).get("label").asText());
    assertEquals("http://127.0.0.1:9/t/a%20b%2Fc%3Fd%26e%23f/events", links.get(1).get("url").asText());

    RunHandle<Object> plain = trigger("diamond", "u", Map.of("other", "x"));
    assertEquals(0, ok("/api/runs/" + plain.id()).get("links").size(), "no links without the key");
  }

  @Test
  void pagesFollowTheNextPageToken() throws Exception {
    String tag = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      trigger("diamond", "p" + i, Map.of("paging", tag));
    }
    JsonNode first = ok("/api/runs?pageSize=2&meta=paging%3D" + tag);
    assertEquals(2, first.get("runs").size());
    String token = first.get("nextPageToken").asText();
    JsonNode second = ok("/api/runs?pageSize=2&meta=paging%3D" + tag + "&pageToken=" + token);
    assertEquals(1, second.get("runs").size());
    assertTrue(second.get("nextPageToken").isNull());
  }

  @Test
  void aRunCarriesItsStepsWithTheirParentsAndItsChildRuns() throws Exception {
    RunHandle<Object> diamond = trigger("diamond", "x", Map.of());
    diamond.await(Duration.ofSeconds(30));
    JsonNode run = ok("/api/runs/" + diamond.id());
    Set<String> edges = new HashSet<>();
    run.get("steps").forEach(step -> step.get("parents").forEach(p -> edges.add(p.asText() + "->"
        + step.get("name").asText())));
    assertEquals(Set.of("prepare->left", "prepare->right", "left->join", "right->join"), edges);
    assertEquals("\"x-left+x-right\"", run.get("steps").get(3).get("output").asText());
    assertEquals("\"x\"", run.get("input").asText());

    RunHandle<Object> fanOut = trigger("fan-out", 3, Map.of());
    fanOut.await(Duration.ofSeconds(30));
    JsonNode parent = ok("/api/runs/" + fanOut.id());
    assertEquals(3, parent.get("children").size());
    parent.get("children").forEach(child -> {
      assertEquals("spread", child.get("parentStep").asText());
      assertEquals("SUCCEEDED", child.get("status").asText());
    });
  }

  @Test
  void eventsStreamLiveAndResumeAfterTheLastSequenceNumber() throws Exception {
    RunHandle<Object> run = trigger("diamond", "s", Map.of());
    run.await(Duration.ofSeconds(30));
    JsonNode events = ok("/api/runs/" + run.id() + "/events");
    long third = events.get(2).get("seq").asLong();
    List<Long> streamed = streamedSeqs(run.id(), third);
    assertEquals(events.size() - 3, streamed.size(), "the stream resumes after Last-Event-ID, no repeats");
    assertEquals(third + 1, streamed.get(0));
    assertEquals(events.get(events.size() - 1).get("seq").asLong(), streamed.get(streamed.size() - 1));
  }

  private static List<Long> streamedSeqs(UUID runId, long lastEventId) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(engine.address() + "api/runs/" + runId + "/stream"))
        .header("Authorization", "Bearer " + engine.client()).header("Last-Event-ID", Long.toString(lastEventId))
        .build();
    HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
    List<Long> seqs = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("id: ")) {
          seqs.add(Long.parseLong(line.substring(4)));
        }
        if (line.equals("event: end")) {
          break;
        }
      }
    }
    return seqs;
  }

  @Test
  void cancellingThroughTheApiCancelsTheRunInTheDatabase() throws Exception {
    RunHandle<Object> held = trigger("waiting", UUID.randomUUID().toString(), Map.of());
    HttpResponse<String> response = engine.send("POST", "/api/runs/" + held.id() + "/cancel", engine.client(), null);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("CANCELLED", engine.runStatusInDatabase(held.id()));

    HttpResponse<String> replay = engine.send("POST", "/api/runs/" + held.id() + "/replay", engine.client(), null);
    assertEquals(200, replay.statusCode(), replay.body());
    engine.cairn().cancel(held.id());
  }

  @Test
  void aBulkCancelAnswersEachRunOnItsOwn() throws Exception {
    RunHandle<Object> first = trigger("waiting", UUID.randomUUID().toString(), Map.of());
    RunHandle<Object> second = trigger("waiting", UUID.randomUUID().toString(), Map.of());
    UUID unknown = UUID.randomUUID();
    HttpResponse<String> response = engine.send("POST", "/api/runs/cancel", engine.client(),
        "{\"ids\": [\"" + first.id() + "\", \"" + second.id() + "\", \"" + unknown + "\"]}");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode results = json.readTree(response.body()).get("results");
    assertEquals("CANCELLED", results.get(first.id().toString()).asText());
    assertEquals("NOT_FOUND", results.get(unknown.toString()).asText());
    assertEquals("CANCELLED", engine.runStatusInDatabase(first.id()));
    assertEquals("CANCELLED", engine.runStatusInDatabase(second.id()));
  }

  @Test
  void thePageIsServedWithAPolicyThatForbidsInlineScriptAndAllowsFetchingTheLinks() {
    HttpResponse<String> page = engine.get("/", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script src=\"/app.js\""));
    String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
    assertTrue(policy.contains("connect-src 'self' http://127.0.0.1:9;"), "the links' origin, once: " + policy);
    assertEquals(200, engine.get("/app.js", null).statusCode());
  }

  @Test
  void schedulesAndRateLimitsAreListed() throws Exception {
    String name = "nightly-" + UUID.randomUUID();
    engine.cairn().schedules().create(ScheduleSpec.builder(name, "diamond").cron("0 5 * * *").build());
    engine.cairn().rateLimits().set("dashboard-llm", 10, Duration.ofSeconds(1));
    JsonNode schedules = ok("/api/schedules").get("schedules");
    assertTrue(schedules.findValuesAsText("name").contains(name), schedules.toString());
    JsonNode limits = ok("/api/flow-control").get("rateLimits");
    assertTrue(limits.findValuesAsText("name").contains("dashboard-llm"), limits.toString());
  }

  @Test
  void anAdminListsTokensWithoutTheirSecrets() throws Exception {
    HttpResponse<String> response = engine.get("/api/tokens", engine.admin());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("dashboard client"), response.body());
    for (String secret : List.of(engine.client(), engine.admin(), engine.worker())) {
      assertFalse(response.body().contains(secret), "no secret in the list");
    }
  }

  @Test
  void aConcurrencyKeyShowsWhatItHoldsAndHoldsBack() throws Exception {
    String customer = UUID.randomUUID().toString();
    RunHandle<Object> first = engine.cairn().trigger("limited", new DashboardWorkflows.Order(customer));
    RunHandle<Object> second = engine.cairn().trigger("limited", new DashboardWorkflows.Order(customer));
    Await.until("the key holds one run and holds the other back", Duration.ofSeconds(30), () -> {
      JsonNode key = flowKey(customer);
      return key != null && key.get("held").asInt() == 1 && key.get("queued").asInt() == 1;
    });
    JsonNode key = flowKey(customer);
    assertEquals("CONCURRENCY", key.get("kind").asText(), String.valueOf(key));
    assertEquals(1, key.get("maxUnits").asInt());
    assertEquals(1, key.get("held").asInt(), key.toString());
    assertEquals(1, key.get("queued").asInt(), key.toString());
    engine.cairn().cancel(first.id());
    engine.cairn().cancel(second.id());
  }

  private static JsonNode flowKey(String key) {
    try {
      for (JsonNode candidate : ok("/api/flow-control").get("keys")) {
        if (candidate.get("key").asText().equals(key)) {
          return candidate;
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
