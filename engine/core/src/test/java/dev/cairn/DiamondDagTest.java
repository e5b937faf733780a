package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DiamondDagTest {
  enum Tier { FREE, PRO }

  record Order(String customer, List<Line> lines, Instant placedAt, Tier tier) {}

  record Line(String sku, int quantity) {}

  record Priced(List<Line> lines, long cents, Optional<String> coupon) {}

  record Stock(Map<String, Integer> reserved, Instant checkedAt) {}

  record Receipt(String customer, long cents, int reservedItems, Tier tier, Optional<String> coupon) {}

  /** A diamond: validate → (price ‖ reserve) → receipt. The two middle steps meet at a barrier. */
  @Workflow(name = "diamond")
  static final class Diamond {
    final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    final CyclicBarrier bothMiddleStepsRunning = new CyclicBarrier(2);

    @Step
    Order validate(Order input, StepContext ctx) {
      order.add("validate");
      assertEquals("validate", ctx.stepName());
      return input;
    }

    @Step(parents = "validate")
    Priced price(@Parent("validate") Order validated) throws Exception {
      order.add("price");
      bothMiddleStepsRunning.await(10, TimeUnit.SECONDS);
      long cents = validated.lines().stream().mapToLong(line -> line.quantity() * 250L).sum();
      return new Priced(validated.lines(), cents, Optional.of("WELCOME"));
    }

    @Step(parents = "validate")
    Stock reserve(@Parent("validate") Order validated) throws Exception {
      order.add("reserve");
      bothMiddleStepsRunning.await(10, TimeUnit.SECONDS);
      return new Stock(Map.of("apple", validated.lines().get(0).quantity()), Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Step(parents = {"price", "reserve"})
    Receipt receipt(Order input, @Parent("price") Priced priced, @Parent("reserve") Stock stock) {
      order.add("receipt");
      return new Receipt(input.customer(), priced.cents(), stock.reserved().values().stream().mapToInt(i -> i).sum(),
          input.tier(), priced.coupon());
    }
  }

  @Test
  void diamondRunsInOrderWithParallelMiddleAndTypedOutputs() {
    Diamond diamond = new Diamond();
    try (Cairn cairn = TestEngines.builder().register(diamond).build()) {
      cairn.start();
      Order input = new Order("ada", List.of(new Line("apple", 3), new Line("pear", 1)),
          Instant.parse("2026-11-26T09:30:00Z"), Tier.PRO);
      RunHandle<?> run = cairn.trigger(Diamond.class, input);
      Receipt receipt = run.result(Receipt.class, Duration.ofSeconds(30));

      assertEquals(new Receipt("ada", 1000, 3, Tier.PRO, Optional.of("WELCOME")), receipt);
      List<String> order = List.copyOf(diamond.order);
      assertEquals("validate", order.get(0));
      assertEquals("receipt", order.get(3));
      assertTrue(order.subList(1, 3).containsAll(List.of("price", "reserve")), order.toString());

      RunView view = cairn.getRun(run.id());
      assertEquals(RunStatus.SUCCEEDED, view.status());
      assertEquals(List.of("validate", "price", "reserve", "receipt"),
          view.steps().stream().map(StepView::name).toList());
      assertEquals(input, view.output("validate", Order.class));
      Stock stock = view.output("reserve", Stock.class);
      assertEquals(Instant.parse("2026-11-26T10:00:00Z"), stock.checkedAt());
      for (StepView step : view.steps()) {
        assertEquals(StepStatus.SUCCEEDED, step.status());
        assertEquals(1, step.attempts());
        assertTrue(!step.finishedAt().isBefore(step.startedAt()));
      }
    }
  }

  @Test
  void eventLogHasLifecycleInSequenceWithoutGaps() {
    Diamond diamond = new Diamond();
    try (Cairn cairn = TestEngines.builder().register(diamond).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("diamond", new Order("bo", List.of(new Line("fig", 2)), Instant.now(), Tier.FREE));
      run.await(Duration.ofSeconds(30));
      List<RunEvent> events = cairn.events(run.id(), 0, 1000);
      for (int i = 0; i < events.size(); i++) {
        assertEquals(i + 1, events.get(i).seq());
      }
      List<String> types = events.stream().map(RunEvent::type).toList();
      assertEquals("RUN_QUEUED", types.get(0));
      assertEquals("RUN_SUCCEEDED", types.get(types.size() - 1));
      assertEquals(4, types.stream().filter("STEP_SUCCEEDED"::equals).count());
      assertEquals(4, types.stream().filter("STEP_STARTED"::equals).count());
      assertEquals(4, types.stream().filter("STEP_QUEUED"::equals).count());
      assertEquals(1, types.stream().filter("RUN_STARTED"::equals).count());
      List<RunEvent> tail = cairn.events(run.id(), 5, 1000);
      assertEquals(events.subList(5, events.size()), tail);
    }
  }
}
