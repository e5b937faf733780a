package dev.cairn.pipeline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cairn.Concurrency;
import dev.cairn.WorkerLabel;
import dev.cairn.pipeline.workflow.DiarizationPipeline;
import dev.cairn.pipeline.workflow.PipelineLimits;
import dev.cairn.server.CairnServer;
import java.lang.reflect.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs on the build machines, so docker-compose.yml is kept correct by reading it: every
 * variable given to a service is one its program reads, every service it depends on exists, images are pinned,
 * and the commands name main classes that exist.
 */
class ComposeFileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

  private final JsonNode compose = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    } catch (IOException e) {
      throw new IllegalStateException("docker-compose.yml does not parse", e);
    }
  }

  private static final List<String> WORKERS = List.of("worker", "worker-cpu");

  @Test
  void hasTheServicesTheIssuesAskFor() {
    Set<String> services = names(compose.path("services"));
    assertTrue(services.containsAll(Set.of("postgres", "minio", "engine", "worker", "worker-cpu")),
        services.toString());
  }

  @Test
  void theWorkerPoolsAreUpstreams() {
    JsonNode io = compose.path("services").path("worker").path("environment");
    JsonNode cpu = compose.path("services").path("worker-cpu").path("environment");
    assertEquals("1", cpu.path("CAIRN_WORKER_SLOTS").asText(), "the CPU pool runs one step at a time");
    assertEquals(Map.of(PipelineLimits.POOL, PipelineLimits.CPU_HEAVY), labels(cpu));
    assertEquals(List.of(DiarizationPipeline.NAME), config(cpu).list(Setting.PIPELINE_WORKFLOWS),
        "the CPU pool serves only the pipeline, so it takes only the step that requires it");
    assertEquals(Map.of(PipelineLimits.POOL, PipelineLimits.LLM_IO), labels(io));
    assertEquals(10, config(io).requireInt(Setting.CAIRN_WORKER_SLOTS));
    assertEquals(PipelineLimits.LLM_PER_SECOND, config(io).requireInt(Setting.LLM_RATE_LIMIT_PER_SECOND));
    assertEquals(3, config(io).list(Setting.PIPELINE_WORKFLOWS).size(), "the IO pool serves every workflow");
    assertFalse(cpu.has("PIPELINE_HTTP_PORT"), "one pool serves the HTTP endpoints");
    // The mixdown's declaration is what routes it: a required cpu-heavy label, one at a time.
    Method mixdown = Arrays.stream(DiarizationPipeline.class.getDeclaredMethods())
        .filter(method -> method.getName().equals("mixdownTracks")).findFirst().orElseThrow();
    WorkerLabel label = mixdown.getAnnotation(WorkerLabel.class);
    assertTrue(label.required() && label.key().equals(PipelineLimits.POOL)
        && label.value().equals(PipelineLimits.CPU_HEAVY), label.toString());
    assertEquals(1, mixdown.getAnnotation(Concurrency.class).max());
  }

  private static PipelineConfig config(JsonNode environment) {
    Map<String, String> variables = new HashMap<>();
    environment.fields().forEachRemaining(field -> variables.put(field.getKey(), field.getValue().asText()));
    return PipelineConfig.from(variables);
  }

  private static Map<String, String> labels(JsonNode environment) {
    return config(environment).pairs(Setting.CAIRN_WORKER_LABELS);
  }

  @Test
  void engineVariablesAreOnesTheServerReads() {
    Set<String> given = names(compose.path("services").path("engine").path("environment"));
    Set<String> unknown = new TreeSet<>(given);
    unknown.removeAll(CairnServer.SETTINGS);
    assertTrue(unknown.isEmpty(), "engine variables the server never reads: " + unknown);
    assertTrue(given.contains("CAIRN_JDBC_URL"), "the engine must use the compose PostgreSQL, not an embedded one");
  }

  @Test
  void workerVariablesAreOnesThePipelineReads() {
    Set<String> known = new TreeSet<>();
    Arrays.stream(Setting.values()).map(Setting::name).forEach(known::add);
    for (String service : WORKERS) {
      Set<String> given = names(compose.path("services").path(service).path("environment"));
      Set<String> unknown = new TreeSet<>(given);
      unknown.removeAll(known);
      assertTrue(unknown.isEmpty(), service + " variables the pipeline never reads: " + unknown);
      assertTrue(given.containsAll(Set.of("CAIRN_TARGET", "CAIRN_JDBC_URL", "STORAGE_BACKEND",
          "TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL")), given.toString());
      // Every ${VAR} taken from the user's environment is a setting too, so a .env file documents itself.
      for (JsonNode value : iterable(compose.path("services").path(service).path("environment").elements())) {
        Matcher matcher = INTERPOLATION.matcher(value.asText());
        while (matcher.find()) {
          assertTrue(known.contains(matcher.group(1)), "interpolated variable is not a setting: " + matcher.group(1));
        }
      }
    }
  }

  @Test
  void addressesPointAtComposeServices() {
    for (String service : WORKERS) {
      addressesPointAtComposeServices(compose.path("services").path(service).path("environment"));
    }
  }

  private void addressesPointAtComposeServices(JsonNode worker) {
    assertEquals("engine:" + compose.path("services").path("engine").path("environment").path("CAIRN_GRPC_PORT")
        .asText(), worker.path("CAIRN_TARGET").asText());
    assertTrue(worker.path("CAIRN_JDBC_URL").asText().startsWith("jdbc:postgresql://postgres:5432/"));
    assertTrue(worker.path("TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL").asText().startsWith("http://minio:9000"));
    assertEquals(compose.path("services").path("engine").path("environment").path("CAIRN_ADMIN_TOKEN_FILE").asText(),
        worker.path("CAIRN_TOKEN_FILE").asText(), "the worker reads the token the engine writes");
    assertEquals(compose.path("services").path("postgres").path("environment").path("POSTGRES_PASSWORD").asText(),
        worker.path("CAIRN_DB_PASSWORD").asText());
  }

  @Test
  void dependenciesExistImagesArePinnedAndMainClassesExist() throws Exception {
    Set<String> services = names(compose.path("services"));
    List<String> problems = new ArrayList<>();
    for (String name : services) {
      JsonNode service = compose.path("services").path(name);
      for (String dependency : names(service.path("depends_on"))) {
        if (!services.contains(dependency)) {
          problems.add(name + " depends on missing service " + dependency);
        }
      }
      String image = service.path("image").asText("");
      if (!image.isEmpty() && (!image.contains(":") || image.endsWith(":latest"))) {
        problems.add(name + " uses an unpinned image " + image);
      }
      if (service.has("build")) {
        assertTrue(Files.isRegularFile(ROOT.resolve("Dockerfile")), "Dockerfile for " + name);
        Class.forName(service.path("command").get(0).asText()); // the entry point's argument is a main class
      }
    }
    assertTrue(problems.isEmpty(), problems.toString());
    assertFalse(Files.readString(ROOT.resolve("Dockerfile")).contains(":latest"));
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    if (node.isArray()) {
      node.forEach(element -> names.add(element.asText()));
    } else {
      node.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    return () -> iterator;
  }
}
