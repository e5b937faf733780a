package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShutdownAndBadInputTest {
  record Invoice(String customer, long cents) {}

  @Workflow(name = "billing")
  static final class Billing {
    @Step
    long total(Invoice invoice) {
      return invoice.cents();
    }
  }

  @Workflow(name = "long-step")
  static final class LongStep {
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicInteger interrupted = new AtomicInteger();
    private final boolean hang;

    LongStep(boolean hang) {
      this.hang = hang;
    }

    @Step(timeout = "1h")
    String work(StepContext ctx) {
      started.countDown();
      if (hang) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
          Thread.currentThread().interrupt();
        }
      }
      return "done by attempt " + ctx.attempt();
    }
  }

  @Test
  void closeHandsRunningStepsBackToTheQueueForTheNextNode() throws Exception {
    String schema = TestDatabase.newSchema();
    LongStep hanging = new LongStep(true);
    RunHandle run;
    try (Cairn first = TestEngines.builder(schema).shutdownTimeout(Duration.ofMillis(200)).register(hanging).build()) {
      first.start();
      run = first.trigger("long-step", null);
      assertTrue(hanging.started.await(30, TimeUnit.SECONDS));
    }
    assertEquals(1, hanging.interrupted.get());
    StepView released = TestEngines.builder(schema).register(new LongStep(false)).build().getRun(run.id())
        .step("work").orElseThrow();
    assertEquals(StepStatus.QUEUED, released.status());
    assertEquals(0, released.failures());
    try (Cairn second = TestEngines.builder(schema).register(new LongStep(false)).build()) {
      second.start();
      assertEquals("done by attempt 2", second.result(run.id(), String.class, Duration.ofSeconds(30)));
    }
  }

  @Test
  void unknownWorkflowAndMisfittingInputAreRefusedAndWriteNothing() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new Billing()).build()) {
      CairnException unknown = assertThrows(CairnException.class, () -> cairn.trigger("biling", null));
      assertEquals("unknown workflow 'biling'; registered here: [billing]; no worker registered it either",
          unknown.getMessage());
      CairnException misfit = assertThrows(CairnException.class,
          () -> cairn.trigger("billing", java.util.Map.of("customer", "x", "cents", "a lot")));
      assertTrue(misfit.getMessage().startsWith("input for workflow billing does not fit its input type "
          + Invoice.class.getName().replace('$', '$')), misfit.getMessage());
      assertTrue(misfit.getMessage().contains("a lot"), misfit.getMessage());
      assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"));
      assertThrows(IllegalArgumentException.class, () -> cairn.events(java.util.UUID.randomUUID(), -1, 10));
      assertThrows(CairnException.class, () -> cairn.getRun(java.util.UUID.randomUUID()));
    }
  }

  @Test
  void metersCountStepsAndRuns() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (Cairn cairn = TestEngines.builder().meterRegistry(meters).register(new Billing()).build()) {
      cairn.start();
      for (int i = 0; i < 3; i++) {
        cairn.trigger("billing", new Invoice("c" + i, i)).await(Duration.ofSeconds(30));
      }
      assertEquals(3.0, meters.get("cairn.steps.started").counter().count());
      assertEquals(3.0, meters.get("cairn.steps.queued").counter().count());
      assertEquals(3.0, meters.get("cairn.steps.succeeded").tag("step", "total").counter().count());
      assertEquals(3, meters.get("cairn.step.duration").timer().count());
      assertEquals(3.0, meters.get("cairn.runs.finished").tag("status", "SUCCEEDED").counter().count());
      assertEquals(3, meters.get("cairn.step.queue.latency").timer().count());
      assertEquals(0.0, meters.get("cairn.queue.depth").gauge().value());
      assertEquals(8.0, meters.get("cairn.slots.free").gauge().value());
    }
  }
}
