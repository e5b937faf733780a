package dev.cairn.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Parent;
import dev.cairn.RunHandle;
import dev.cairn.Step;
import dev.cairn.Workflow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stubbed step runs the stub instead of its body, for the test that stubbed it only. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StubTest {
  @Workflow(name = "checkout")
  static final class Checkout {
    final AtomicInteger realCharges = new AtomicInteger();

    @Step
    int charge(Integer cents) {
      realCharges.incrementAndGet();
      return cents;
    }

    @Step
    String receipt(@Parent("charge") Integer charged) {
      return "charged " + charged;
    }
  }

  static final Checkout CHECKOUT = new Checkout();

  @RegisterExtension
  static final CairnExtension cairn = CairnExtension.builder().register(CHECKOUT).build();

  @Test
  @Order(1)
  void aStubReplacesTheStepBodyAndSeesTheRunInput() {
    cairn.stub(Checkout.class, "charge", input -> (Integer) input * 2);
    RunHandle<?> run = cairn.runs().trigger(Checkout.class, 21);
    assertEquals("charged 42", run.result(String.class, Duration.ofSeconds(30)));
    assertEquals(0, CHECKOUT.realCharges.get(), "the real body never ran");
    assertEquals(1, cairn.stubCalls(Checkout.class, "charge"));
  }

  @Test
  @Order(2)
  void aFailingStubFailsTheStep() {
    cairn.fail(Checkout.class, "charge", () -> new IllegalStateException("payment service down"));
    RunHandle<?> run = cairn.runs().trigger(Checkout.class, 5);
    run.await(Duration.ofSeconds(30));
    RunAssert.assertThat(run).failedWith("payment service down")
        .step("charge").failed().errorContains("IllegalStateException").and()
        .step("receipt").skipped();
  }

  @Test
  @Order(3)
  void stubsEndWithTheirTest() {
    RunHandle<?> run = cairn.runs().trigger(Checkout.class, 7);
    assertEquals("charged 7", run.result(String.class, Duration.ofSeconds(30)));
    assertEquals(1, CHECKOUT.realCharges.get());
  }
}
