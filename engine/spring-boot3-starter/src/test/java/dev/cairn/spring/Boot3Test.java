package dev.cairn.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Runs;
import dev.cairn.Step;
import dev.cairn.Workflow;
import dev.cairn.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The starter on Spring Boot 3.5: the application's DataSource, a @Transactional workflow bean, health. */
@DirtiesContext // closed after this class, while the test database still runs
@SpringBootTest(classes = Boot3Test.App.class, properties = "spring.flyway.enabled=false")
class Boot3Test {
  private static final EmbeddedDatabase DATABASE = EmbeddedDatabase.startThrowaway(Path.of("target", "boot3-pg"));

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close, "boot3-test-postgres"));
  }

  @Workflow(name = "boot3-echo")
  @Transactional
  public static class Echo {
    @Step
    String echo(String text) {
      return text + (TransactionSynchronizationManager.isActualTransactionActive() ? " in a transaction" : "");
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(Echo.class)
  static class App {}

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DATABASE::jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @Autowired Runs runs;
  @Autowired Echo echo;
  @Autowired CairnBoot3HealthIndicator health;

  @Test
  void aProxiedWorkflowBeanRunsOnTheApplicationsDataSourceAndHealthIsUp() {
    assertTrue(AopUtils.isCglibProxy(echo));
    assertEquals("hi in a transaction", runs.trigger("boot3-echo", "hi").result(String.class, Duration.ofSeconds(60)));
    Health reported = health.health();
    assertEquals(Status.UP, reported.getStatus(), reported.toString());
    assertEquals("running", reported.getDetails().get("engine"));
  }
}
