package dev.cairn.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cairn.Concurrency;
import dev.cairn.DefinitionException;
import dev.cairn.RateLimit;
import dev.cairn.Step;
import dev.cairn.WorkerLabel;
import dev.cairn.Workflow;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.DefinitionScanner;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Bad flow-control declarations are refused at registration, naming the class, the method and the problem. */
class FlowDefinitionTest {
  private final DefinitionScanner scanner = new DefinitionScanner(new PayloadCodec());

  record Order(String customer, int cost) {}

  @Workflow(name = "no-room")
  @Concurrency(max = 0)
  static final class NoRoom {
    @Step
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "cancel-on-step")
  static final class CancelOnStep {
    @Step
    @Concurrency(max = 1, strategy = Concurrency.Strategy.CANCEL_NEWEST)
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "pointer-into-nothing")
  @Concurrency(key = "{/tenant}", max = 1)
  static final class PointerIntoNothing {
    @Step
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "unclosed")
  static final class Unclosed {
    @Step
    @Concurrency(key = "{/customer", max = 1)
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "negative-units")
  static final class NegativeUnits {
    @Step
    @RateLimit(name = "api", units = "-1")
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "units-into-nothing")
  static final class UnitsIntoNothing {
    @Step
    @RateLimit(name = "api", units = "{/weight}")
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "static-with-limit")
  static final class StaticWithLimit {
    @Step
    @RateLimit(name = "api", limit = 5)
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "dynamic-without-limit")
  static final class DynamicWithoutLimit {
    @Step
    @RateLimit(name = "api", key = "{/customer}")
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "compare-a-word")
  static final class CompareAWord {
    @Step
    @WorkerLabel(key = "pool", value = "cpu-heavy", comparator = WorkerLabel.Comparator.GREATER_THAN)
    String only(Order order) {
      return order.customer();
    }
  }

  @Workflow(name = "weightless")
  static final class Weightless {
    @Step
    @WorkerLabel(key = "pool", value = "cpu-heavy", required = false, weight = 0)
    String only(Order order) {
      return order.customer();
    }
  }

  @TestFactory
  Stream<DynamicTest> eachBadDeclarationIsRefusedNamingClassMethodAndProblem() {
    return Stream.of(
        refused(new NoRoom(), NoRoom.class.getName() + ": @Concurrency 1: max must be 1..1000000, got 0"),
        refused(new CancelOnStep(), CancelOnStep.class.getName() + ".only: @Concurrency 1: strategy CANCEL_NEWEST "
            + "applies to runs: declare it on the workflow class (steps queue in turn)"),
        refused(new PointerIntoNothing(), PointerIntoNothing.class.getName()
            + ": @Concurrency 1: key reads /tenant, which the input type does not have"),
        refused(new Unclosed(), Unclosed.class.getName() + ".only: @Concurrency 1: key template '{/customer' has an "
            + "unclosed '{'"),
        refused(new NegativeUnits(), NegativeUnits.class.getName() + ".only: @RateLimit 1 (api): units must be "
            + "1..1000000, got -1"),
        refused(new UnitsIntoNothing(), UnitsIntoNothing.class.getName() + ".only: @RateLimit 1 (api): units reads "
            + "/weight, which the input type does not have"),
        refused(new StaticWithLimit(), StaticWithLimit.class.getName() + ".only: @RateLimit 1 (api): limit and "
            + "period belong to a dynamic limit (one with a key); the static limit api is set through RateLimits.set"),
        refused(new DynamicWithoutLimit(), DynamicWithoutLimit.class.getName() + ".only: @RateLimit 1 (api): a "
            + "dynamic limit (key {/customer}) needs limit 1..1000000, got 0"),
        refused(new CompareAWord(), CompareAWord.class.getName() + ".only: @WorkerLabel 1 (pool): comparator "
            + "GREATER_THAN of label pool needs a number, got 'cpu-heavy'"),
        refused(new Weightless(), Weightless.class.getName() + ".only: @WorkerLabel 1 (pool): weight must be "
            + "1..1000, got 0"));
  }

  private DynamicTest refused(Object workflow, String message) {
    return DynamicTest.dynamicTest(workflow.getClass().getSimpleName(),
        () -> assertEquals(message, assertThrows(DefinitionException.class, () -> scanner.scan(workflow))
            .getMessage()));
  }

  @Workflow(name = "well-declared", sticky = Workflow.Sticky.SOFT)
  @Concurrency(key = "tenant-{meta:tenant}", max = 3, strategy = Concurrency.Strategy.CANCEL_IN_PROGRESS)
  static final class WellDeclared {
    @Step
    @Concurrency(key = "{/customer}", max = 2)
    @RateLimit(name = "api", units = "{/cost}")
    @RateLimit(name = "per-customer", key = "{/customer}", limit = 5, period = "1m")
    @WorkerLabel(key = "pool", value = "cpu-heavy")
    @WorkerLabel(key = "memory_gb", value = "8", comparator = WorkerLabel.Comparator.GREATER_THAN_OR_EQUAL,
        required = false, weight = 50)
    String only(Order order) {
      return order.customer();
    }
  }

  @Test
  void aWellDeclaredWorkflowKeepsEveryRuleAndTheFingerprintIgnoresThem() {
    WorkflowDefinition definition = scanner.scan(new WellDeclared());
    assertEquals(1, definition.flow().concurrency().size());
    assertEquals("run:well-declared#0", definition.flow().concurrency().get(0).rule());
    assertEquals(Workflow.Sticky.SOFT, definition.flow().sticky());
    var flow = definition.step("only").flow();
    assertEquals(List.of("step:well-declared.only#0"), flow.concurrency().stream().map(rule -> rule.rule()).toList());
    assertEquals(List.of("rate:api", "rate:per-customer"), flow.rates().stream().map(rate -> rate.ruleName())
        .toList());
    assertEquals(List.of("pool=cpu-heavy", "memory_gb>=8 (preferred 50)"), flow.labels().stream()
        .map(Object::toString).toList());
  }
}
