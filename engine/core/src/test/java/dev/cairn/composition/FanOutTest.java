package dev.cairn.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.ChildSpec;
import dev.cairn.Parent;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.Workflow;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanOutTest {
  record Square(int n, int squared) {}

  @Workflow(name = "square")
  static final class SquareWorkflow {
    @Step
    Square compute(Integer n) {
      return new Square(n, n * n);
    }
  }

  @Workflow(name = "sum-of-squares")
  static final class SumOfSquares {
    @Step
    List<Integer> plan(Integer count) {
      return IntStream.rangeClosed(1, count).boxed().toList();
    }

    @Step(parents = "plan")
    long fanOut(@Parent("plan") List<Integer> numbers, StepContext ctx) {
      List<Square> squares = ctx.runChildren("square",
          numbers.stream().map(n -> ChildSpec.of("n-" + n, n)).toList(), Square.class);
      for (int i = 0; i < numbers.size(); i++) {
        assertEquals(numbers.get(i), squares.get(i).n(), "outputs come back in the order the children were given");
      }
      return squares.stream().mapToLong(Square::squared).sum();
    }
  }

  /** Level 1 of the nested fan-out: five children, each fanning out to five grandchildren. */
  @Workflow(name = "tree-root")
  static final class TreeRoot {
    @Step
    List<String> root(StepContext ctx) {
      List<List<String>> branches = ctx.runChildren("tree-branch",
          IntStream.range(0, 5).mapToObj(b -> ChildSpec.of("b" + b, "b" + b)).toList(), listOfStrings());
      return branches.stream().flatMap(List::stream).toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<List<String>> listOfStrings() {
      return (Class) List.class;
    }
  }

  @Workflow(name = "tree-branch")
  static final class TreeBranch {
    @Step
    List<String> branch(String name, StepContext ctx) {
      return ctx.runChildren("tree-leaf",
          IntStream.range(0, 5).mapToObj(l -> ChildSpec.of("l" + l, name + "/l" + l)).toList(), String.class);
    }
  }

  @Workflow(name = "tree-leaf")
  static final class TreeLeaf {
    @Step
    String leaf(String path) {
      return path + "!";
    }
  }

  @Test
  void oneSlotParentFansOutToTwentyChildrenWithoutDeadlock() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(1)
        .register(new SumOfSquares(), new SquareWorkflow()).build()) {
      cairn.start();
      long sum = cairn.trigger("sum-of-squares", 20).result(Long.class, Duration.ofSeconds(60));
      assertEquals(IntStream.rangeClosed(1, 20).map(n -> n * n).sum(), sum);
      assertEquals(21, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"));
      List<RunSummary> children = cairn.listRuns(RunQuery.builder().workflow("square").pageSize(100).build()).runs();
      assertEquals(20, children.size());
      children.forEach(child -> assertEquals(RunStatus.SUCCEEDED, child.status()));
    }
  }

  @Test
  void nestedFanOutDeliversEveryOutputToItsParent() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(1)
        .register(new TreeRoot(), new TreeBranch(), new TreeLeaf()).build()) {
      cairn.start();
      RunView run = cairn.trigger("tree-root", null).await(Duration.ofSeconds(120));
      assertEquals(RunStatus.SUCCEEDED, run.status(), run.error());
      @SuppressWarnings("unchecked")
      List<String> leaves = run.output("root", List.class);
      List<String> expected = IntStream.range(0, 5).boxed()
          .flatMap(b -> IntStream.range(0, 5).mapToObj(l -> "b" + b + "/l" + l + "!")).toList();
      assertEquals(expected, leaves);
      assertEquals(1 + 5 + 25, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"));
      assertEquals(StepStatus.SUCCEEDED, run.step("root").orElseThrow().status());
    }
  }
}
