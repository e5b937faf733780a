package dev.cairn.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.Step;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Both /metrics endpoints over real HTTP: an engine node and a remote worker each serve Prometheus text, its series
 * move when work runs, and the Grafana dashboard in docs/grafana uses only series the endpoints export.
 */
class MetricsScrapeTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$",
      Pattern.MULTILINE);
  /** A metric name in a PromQL expression of the dashboard. */
  private static final Pattern USED = Pattern.compile("\\b(cairn_[a-z0-9_]+)");

  @Workflow(name = "metrics-remote")
  static final class Remote {
    @Step
    int work(Integer n) {
      return n + 1;
    }
  }

  @Workflow(name = "metrics-local")
  static final class Local {
    @Step
    int work(Integer n) {
      return n * 2;
    }
  }

  @Test
  void theEngineAndTheWorkerServeSeriesThatMoveWhenWorkRuns() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    try (Cairn engine = TestEngines.builder(TestDatabase.newSchema()).clock(clock).grpcPort(0).grpcHost("127.0.0.1")
        .metricsPort(0).register(new Local()).build()) {
      engine.start();
      NewToken token = engine.tokens().create("worker", Role.WORKER, null);
      try (CairnWorker worker = CairnWorker.builder("127.0.0.1:" + engine.grpcPort()).token(token.secret())
          .workerId("metrics-worker").slots(2).metricsPort(0).register(new Remote()).build()) {
        worker.start();
        Await.until("registered", Duration.ofSeconds(30), worker::isRegistered);
        Map<String, Double> engineBefore = scrape(engine.metricsPort());
        Map<String, Double> workerBefore = scrape(worker.metricsPort());
        assertEquals(0.0, engineBefore.get("cairn_queue_depth{workflow=\"metrics-local\"}"));
        assertEquals(2.0, workerBefore.get("cairn_worker_slots"));

        // A queued run whose step is not due yet: the queue depth and the unfinished runs count it.
        engine.trigger("metrics-remote", 1, TriggerOptions.builder().delay(Duration.ofHours(1)).build());
        // The gauges answer from a snapshot up to five seconds old (real time): the scrape sees it after that.
        Await.until("the queued step is counted", Duration.ofSeconds(30), () -> scrape(engine.metricsPort())
            .getOrDefault("cairn_runs_unfinished{status=\"QUEUED\"}", 0.0) == 1.0);

        for (int i = 0; i < 3; i++) {
          engine.trigger("metrics-remote", i).await(Duration.ofSeconds(30));
          engine.trigger("metrics-local", i).await(Duration.ofSeconds(30));
        }
        Map<String, Double> engineAfter = scrape(engine.metricsPort());
        Map<String, Double> workerAfter = scrape(worker.metricsPort());
        assertEquals(3.0, workerAfter.get(
            "cairn_worker_steps_total{outcome=\"succeeded\",step=\"work\",workflow=\"metrics-remote\"}"));
        assertEquals(3.0, workerAfter.get(
            "cairn_worker_step_duration_seconds_count{outcome=\"succeeded\",step=\"work\",workflow=\"metrics-remote\"}"));
        assertEquals(0.0, workerAfter.get("cairn_worker_slots_busy"));
        assertEquals(3.0, engineAfter.get("cairn_runs_finished_total{status=\"SUCCEEDED\",workflow=\"metrics-local\"}"));
        assertEquals(3.0, engineAfter.get("cairn_runs_finished_total{status=\"SUCCEEDED\",workflow=\"metrics-remote\"}"));
        assertTrue(engineAfter.get("cairn_completion_batch_size_count")
            > engineBefore.getOrDefault("cairn_completion_batch_size_count", 0.0));
        assertTrue(engineAfter.get("cairn_dequeue_batch_size_sum") >= 6.0, "six steps claimed");
        assertTrue(engineAfter.get("cairn_completion_batch_duration_seconds_count") > 0);

        Set<String> exported = new TreeSet<>();
        engineAfter.keySet().forEach(series -> exported.add(series.replaceAll("\\{.*", "")));
        workerAfter.keySet().forEach(series -> exported.add(series.replaceAll("\\{.*", "")));
        Set<String> used = new TreeSet<>();
        Matcher names = USED.matcher(Files.readString(dashboard()));
        while (names.find()) {
          used.add(names.group(1));
        }
        used.removeAll(exported);
        assertEquals(Set.of(), used, "dashboard series the endpoints do not export");
      }
    }
  }

  private static Path dashboard() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs/grafana/cairn.json");
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("docs/grafana/cairn.json not found above " + Path.of("").toAbsolutePath());
  }

  /** Every sample of a scrape: series (name and labels as printed) to value. */
  private static Map<String, Double> scrape(int port) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
      Map<String, Double> samples = new TreeMap<>();
      Matcher sample = SAMPLE.matcher(response.body());
      while (sample.find()) {
        samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
            Double.parseDouble(sample.group(3)));
      }
      return samples;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
