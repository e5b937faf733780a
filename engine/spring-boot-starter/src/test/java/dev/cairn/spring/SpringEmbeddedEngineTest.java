package dev.cairn.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Runs;
import dev.cairn.testkit.Eventually;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Embedded mode on the application's own DataSource: discovery through a proxy, injection, health and meters. */
@DirtiesContext // closed after this class, while the test database still runs (not by a JVM shutdown hook beside its own)
@SpringBootTest(classes = {GreetingApp.class, SpringEmbeddedEngineTest.Tracing.class},
    properties = {"spring.sql.init.mode=always", "cairn.worker-slots=4"})
class SpringEmbeddedEngineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry);
  }

  @Autowired Runs runs;
  @Autowired GreetingWorkflow workflow;
  @Autowired JdbcTemplate jdbc;
  @Autowired CairnHealthIndicator health;
  @Autowired MeterRegistry meters;
  @Autowired InMemorySpanExporter spans;

  /** The application's OpenTelemetry, recording spans in memory. */
  @TestConfiguration
  static class Tracing {
    @Bean
    InMemorySpanExporter spanExporter() {
      return InMemorySpanExporter.create();
    }

    @Bean
    OpenTelemetry openTelemetry(InMemorySpanExporter exporter) {
      return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    }
  }

  @Test
  void theRunsBeanIsTheEngineOnTheApplicationsDataSource() {
    assertInstanceOf(Cairn.class, runs);
    Integer tables = jdbc.queryForObject(
        "select count(*) from information_schema.tables where table_schema = 'cairn' and table_name = 'runs'",
        Integer.class);
    assertEquals(1, tables, "the engine's tables are in the application's database");
  }

  @Test
  void aTransactionalProxiedWorkflowBeanIsDiscoveredAndItsStepRunsThroughTheProxy() {
    assertTrue(AopUtils.isCglibProxy(workflow), "the workflow bean is a @Transactional CGLIB proxy");
    assertEquals("Hello, ada (in a transaction)",
        runs.trigger("spring-greeting", "ada").result(String.class, TIMEOUT));
    assertEquals("Hello, bob (in a transaction)",
        runs.trigger(GreetingWorkflow.class, "bob").result(String.class, TIMEOUT), "also triggered by its class");
    assertEquals(1, jdbc.queryForObject("select count(*) from greetings where name = 'ada'", Integer.class),
        "the step's write through the application's JdbcTemplate committed");
  }

  @Test
  void healthShowsTheRunningEngineAndItsDatabase() {
    Health reported = health.health();
    assertEquals(Status.UP, reported.getStatus(), reported.toString());
    assertEquals(Map.of("mode", "embedded", "engine", "running", "database", "reachable", "remoteWorkers", 0L), reported.getDetails());
  }

  @Test
  void theEnginesMetersAreInTheApplicationsRegistryAndMoveWithARun() {
    double before = succeeded();
    runs.trigger("spring-greeting", "cy").result(String.class, TIMEOUT);
    assertEquals(before + 1, succeeded(), "cairn.steps.succeeded counted the step");
  }

  @Test
  void theEngineTracesThroughTheApplicationsOpenTelemetry() {
    String run = runs.trigger("spring-greeting", "dee").id().toString();
    runs.await(UUID.fromString(run), TIMEOUT);
    Eventually.until("the run's span and its step's", TIMEOUT, () -> spans.getFinishedSpanItems().stream()
        .filter(span -> run.equals(span.getAttributes().get(AttributeKey.stringKey("cairn.run_id"))))
        .map(SpanData::getName).collect(Collectors.toSet()).containsAll(Set.of("cairn.run spring-greeting",
            "cairn.step spring-greeting.greet")));
  }

  private double succeeded() {
    var counter = meters.find("cairn.steps.succeeded").tag("workflow", "spring-greeting").counter();
    return counter == null ? 0 : counter.count();
  }
}
