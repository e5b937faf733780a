package dev.cairn.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Parent;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepStatus;
import dev.cairn.StepView;
import dev.cairn.TriggerOptions;
import dev.cairn.WorkerLabel;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Worker labels and sticky runs: a required label is never violated (the engine's own slots included), a step
 * nobody can run says why and waits, a preferred label is preferred, and sticky runs stay on their worker (hard)
 * or move after a grace period when it cannot serve (soft).
 */
class RoutingTest {
  @Workflow(name = "mixed")
  public static final class Mixed {
    @Step
    String light(Integer n) {
      return "light " + n;
    }

    @Step
    @WorkerLabel(key = "pool", value = "cpu-heavy")
    String heavy(@Parent("light") String light) {
      return light + " then heavy";
    }
  }

  @Workflow(name = "gpu-only")
  public static final class GpuOnly {
    @Step
    @WorkerLabel(key = "gpu", value = "1", comparator = WorkerLabel.Comparator.GREATER_THAN_OR_EQUAL)
    String render(Integer n) {
      return "rendered " + n;
    }
  }

  @Workflow(name = "memory-hungry")
  public static final class MemoryHungry {
    @Step
    @WorkerLabel(key = "memory_gb", value = "8", comparator = WorkerLabel.Comparator.GREATER_THAN_OR_EQUAL,
        required = false, weight = 50)
    String crunch(Integer n) {
      return "crunched " + n;
    }
  }

  @Workflow(name = "stays-hard", sticky = Workflow.Sticky.HARD)
  public static final class StaysHard {
    @Step
    String first(Integer n) {
      return "first " + n;
    }

    @Step
    @WorkerLabel(key = "phase", value = "two")
    String second(@Parent("first") String first) {
      return first + " then second";
    }
  }

  @Workflow(name = "stays-soft", sticky = Workflow.Sticky.SOFT)
  public static final class StaysSoft {
    @Step
    String first(Integer n) {
      return "first " + n;
    }

    @Step
    @WorkerLabel(key = "phase", value = "two")
    String second(@Parent("first") String first) {
      return first + " then second";
    }
  }

  @Workflow(name = "three-in-a-row", sticky = Workflow.Sticky.HARD)
  public static final class ThreeInARow {
    @Step
    int a(Integer n) {
      return n;
    }

    @Step
    int b(@Parent("a") Integer n) {
      return n;
    }

    @Step
    int c(@Parent("b") Integer n) {
      return n;
    }
  }

  @Test
  void aRequiredLabelIsNeverViolatedAndAStepNobodyCanRunSaysWhyUntilSomeoneCan() {
    try (Cairn cairn = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1").workerSlots(8)
        .register(new Mixed(), new GpuOnly()).build()) {
      cairn.start();
      String target = "127.0.0.1:" + cairn.grpcPort();
      NewToken token = cairn.tokens().create("workers", Role.WORKER, null);
      try (CairnWorker heavy = CairnWorker.builder(target).token(token.secret()).workerId("heavy")
          .label("pool", "cpu-heavy").slots(2).register(new Mixed()).build()) {
        heavy.start();
        Await.until("the heavy worker registered", Duration.ofSeconds(30), heavy::isRegistered);
        List<RunHandle<Object>> runs = cairn.triggerAll("mixed", IntStream.range(0, 20).boxed().toList(),
            TriggerOptions.NONE);
        for (RunHandle<?> run : runs) {
          RunView view = run.await(Duration.ofSeconds(60));
          assertEquals(RunStatus.SUCCEEDED, view.status());
          assertEquals("heavy", view.step("heavy").orElseThrow().workerId(), "the labelled step ran on the worker");
        }
        RunHandle<?> render = cairn.trigger(GpuOnly.class, 7);
        Await.until("the render step says why it waits", Duration.ofSeconds(30),
            () -> render.get().step("render").map(StepView::blockedReason).orElse(null) != null);
        assertTrue(render.get().step("render").orElseThrow().blockedReason().contains("gpu>=1"),
            render.get().step("render").orElseThrow().blockedReason());
        assertTrue(render.events(0, 100).stream().anyMatch(event -> event.type().equals("STEP_WAITING_FOR_WORKER")));
        try (CairnWorker gpu = CairnWorker.builder(target).token(token.secret()).workerId("gpu").label("gpu", "2")
            .register(new GpuOnly()).build()) {
          gpu.start();
          assertEquals("rendered 7", render.result(String.class, Duration.ofSeconds(60)));
          assertEquals("gpu", render.get().step("render").orElseThrow().workerId());
        }
      }
    }
  }

  @Test
  void aPreferredLabelIsPreferredWhileTheBetterWorkerHasRoom() {
    try (Cairn cairn = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1").build()) {
      cairn.start();
      String target = "127.0.0.1:" + cairn.grpcPort();
      NewToken token = cairn.tokens().create("workers", Role.WORKER, null);
      try (CairnWorker big = CairnWorker.builder(target).token(token.secret()).workerId("big")
          .label("memory_gb", "16").slots(8).register(new MemoryHungry()).build();
          CairnWorker small = CairnWorker.builder(target).token(token.secret()).workerId("small")
              .label("memory_gb", "4").slots(8).register(new MemoryHungry()).build()) {
        big.start();
        small.start();
        Await.until("both registered", Duration.ofSeconds(30), () -> big.isRegistered() && small.isRegistered());
        List<RunHandle<Object>> runs = cairn.triggerAll("memory-hungry", IntStream.range(0, 20).boxed().toList(),
            TriggerOptions.NONE);
        int onBig = 0;
        for (RunHandle<?> run : runs) {
          RunView view = run.await(Duration.ofSeconds(60));
          assertEquals(RunStatus.SUCCEEDED, view.status());
          onBig += "big".equals(view.step("crunch").orElseThrow().workerId()) ? 1 : 0;
        }
        assertTrue(onBig >= 16, "the preferred worker ran " + onBig + " of 20");
      }
    }
  }

  @Test
  void hardStickyRunsStayOnTheirWorkerAndSoftOnesMoveWhenItCannotServe() {
    try (Cairn cairn = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1").build()) {
      cairn.start();
      String target = "127.0.0.1:" + cairn.grpcPort();
      NewToken token = cairn.tokens().create("workers", Role.WORKER, null);
      try (CairnWorker one = CairnWorker.builder(target).token(token.secret()).workerId("one").slots(4)
          .register(new ThreeInARow(), new StaysHard(), new StaysSoft()).build();
          CairnWorker two = CairnWorker.builder(target).token(token.secret()).workerId("two").slots(4)
              .register(new ThreeInARow()).build()) {
        one.start();
        two.start();
        Await.until("both registered", Duration.ofSeconds(30), () -> one.isRegistered() && two.isRegistered());
        for (RunHandle<?> run : cairn.triggerAll("three-in-a-row", IntStream.range(0, 10).boxed().toList(),
            TriggerOptions.NONE)) {
          RunView view = run.await(Duration.ofSeconds(60));
          assertEquals(RunStatus.SUCCEEDED, view.status());
          List<String> workers = new ArrayList<>();
          view.steps().forEach(step -> workers.add(step.workerId()));
          assertEquals(1, workers.stream().distinct().count(), "every step of a hard-sticky run on one worker: "
              + workers);
        }
        // Only worker "one" serves these workflows, so their first steps run there; the second steps need a label
        // "one" lacks: a soft-sticky run moves to a worker that has it after the grace period, a hard one never.
        RunHandle<?> hard = cairn.trigger(StaysHard.class, 1);
        RunHandle<?> soft = cairn.trigger(StaysSoft.class, 2);
        Await.until("both first steps done on worker one", Duration.ofSeconds(30), () ->
            done(hard, "first") && done(soft, "first"));
        try (CairnWorker phaseTwo = CairnWorker.builder(target).token(token.secret()).workerId("phase-two")
            .label("phase", "two").register(new StaysHard(), new StaysSoft()).build()) {
          phaseTwo.start();
          assertEquals("first 2 then second", soft.result(String.class, Duration.ofSeconds(60)));
          assertEquals("phase-two", soft.get().step("second").orElseThrow().workerId());
          long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
          while (System.nanoTime() < until) { // a negative check: the hard run must not move in this time
            assertEquals(StepStatus.QUEUED, hard.get().step("second").orElseThrow().status());
          }
          assertEquals("one", hard.get().step("first").orElseThrow().workerId());
        }
      }
    }
  }

  private static boolean done(RunHandle<?> run, String step) {
    return run.get().step(step).map(view -> view.status() == StepStatus.SUCCEEDED).orElse(false);
  }
}
