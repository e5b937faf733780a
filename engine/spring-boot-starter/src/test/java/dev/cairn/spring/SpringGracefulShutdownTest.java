package dev.cairn.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Runs;
import dev.cairn.StepStatus;
import dev.cairn.StepView;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Closing the application context while a step runs stops the engine before the DataSource: the attempt is handed
 * back to the queue (written through the still open DataSource), and another engine on the same database runs it.
 */
class SpringGracefulShutdownTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SCHEMA = "spring_hand_back";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(BlockingWorkflow.class)
  static class HandBackApp {}

  @Test
  void closingTheContextWhileAStepRunsHandsTheAttemptBackToAnotherEngine() throws InterruptedException {
    ConfigurableApplicationContext application = new SpringApplicationBuilder(HandBackApp.class)
        .web(WebApplicationType.NONE).properties(TestPostgres.datasourceProperties())
        .properties("cairn.schema=" + SCHEMA, "cairn.shutdown-timeout=0s", "cairn.node-id=spring-app").run();
    UUID runId;
    try {
      runId = application.getBean(Runs.class).trigger("spring-hand-back", "job-1").id();
      assertTrue(BlockingWorkflow.STARTED.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the step started");
    } finally {
      application.close();
    }

    try (Cairn other = Cairn.builder().dataSource(TestPostgres.get().dataSource()).schema(SCHEMA)
        .nodeId("other-engine").register(new BlockingWorkflow(false)).build()) {
      StepView handedBack = other.getRun(runId).step("work").orElseThrow();
      assertEquals(StepStatus.QUEUED, handedBack.status(), "handed back to the queue: " + handedBack);
      other.start();
      assertEquals("done job-1", other.await(runId, TIMEOUT).result(String.class));
      StepView done = other.getRun(runId).step("work").orElseThrow();
      assertEquals("other-engine", done.workerId());
      assertEquals(2, done.attempts(), "the interrupted attempt and the one of the other engine");
    }
  }
}
