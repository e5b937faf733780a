package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TwoEnginesTest {
  /** Records which node ran each (run, step); shared by both engines' instances. */
  static final Map<String, Set<String>> EXECUTIONS = new ConcurrentHashMap<>();

  @Workflow(name = "shared")
  static final class Shared {
    private final String node;

    Shared(String node) {
      this.node = node;
    }

    private int record(StepContext ctx, int value) {
      EXECUTIONS.computeIfAbsent(ctx.runId() + "/" + ctx.stepName(), key -> ConcurrentHashMap.newKeySet())
          .add(node + "#" + ctx.attempt());
      return value;
    }

    @Step
    int first(Integer input, StepContext ctx) {
      return record(ctx, input);
    }

    @Step(parents = "first")
    int second(@Parent("first") int value, StepContext ctx) {
      return record(ctx, value * 2);
    }

    @Step(parents = "first")
    int third(@Parent("first") int value, StepContext ctx) {
      return record(ctx, value * 3);
    }

    @Step(parents = {"second", "third"})
    int sum(@Parent("second") int doubled, @Parent("third") int tripled, StepContext ctx) {
      return record(ctx, doubled + tripled);
    }
  }

  @Test
  void twoNodesOnOneDatabaseRunFiveHundredWorkflowsEachStepOnce() {
    String schema = TestDatabase.newSchema();
    try (Cairn a = TestEngines.builder(schema).nodeId("node-a").workerSlots(4).register(new Shared("a")).build();
        Cairn b = TestEngines.builder(schema).nodeId("node-b").workerSlots(4).register(new Shared("b")).build()) {
      a.start();
      b.start();
      List<Integer> inputs = IntStream.range(0, 500).boxed().toList();
      List<RunHandle<Object>> runs = new ArrayList<>(a.triggerAll("shared", inputs.subList(0, 250), TriggerOptions.NONE));
      runs.addAll(b.triggerAll("shared", inputs.subList(250, 500), TriggerOptions.NONE));
      for (int i = 0; i < runs.size(); i++) {
        RunHandle<?> run = runs.get(i);
        Cairn reader = i % 2 == 0 ? a : b;
        assertEquals(inputs.get(i) * 5, reader.result(run.id(), Integer.class, Duration.ofSeconds(120)));
      }
      assertEquals(2000, EXECUTIONS.keySet().stream().filter(key -> runs.stream()
          .anyMatch(run -> key.startsWith(run.id().toString()))).count());
      Set<String> nodes = ConcurrentHashMap.newKeySet();
      EXECUTIONS.forEach((step, executions) -> {
        assertEquals(1, executions.size(), step + " ran more than once: " + executions);
        executions.forEach(execution -> nodes.add(execution.substring(0, 1)));
      });
      assertTrue(nodes.containsAll(Set.of("a", "b")), "both nodes did work: " + nodes);
      assertEquals(500, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE status = 'SUCCEEDED'"));
      assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE attempt <> 1"));
    }
  }
}
