package dev.cairn.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.RunHandle;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.Effects;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** kill -9 of an engine process in the middle of a fan-out; a new engine finishes it without duplicates. */
class FanOutCrashTest {
  private static final int CHILDREN = FanOutWorkflows.CHILDREN;

  @Test
  void killedWhileTenChildrenRunNoChildTwiceAndTheParentGetsAllOutputs() throws Exception {
    String schema = TestDatabase.newSchema();
    RunHandle<?> parent = startParent(schema);
    try (ChildJvm child = ChildJvm.start(FanOutCrashChild.class, TestDatabase.jdbcUrl(), schema, "BLOCK")) {
      Await.until("all ten children run in the child process", Duration.ofSeconds(60),
          () -> Effects.count(schema, "child-started") == CHILDREN || !child.isAlive());
      assertEquals(CHILDREN, Effects.count(schema, "child-started"), child.output());
      child.kill9();
    }
    finishOnSurvivor(schema, parent);
    assertEquals(CHILDREN * 2, Effects.count(schema, "child-started"), "each child's interrupted step ran again");
  }

  @Test
  void killedWhileTheParentWaitsEverythingResumes() throws Exception {
    String schema = TestDatabase.newSchema();
    RunHandle<?> parent = startParent(schema);
    try (ChildJvm child = ChildJvm.start(FanOutCrashChild.class, TestDatabase.jdbcUrl(), schema, "NAP")) {
      Await.until("the parent and all ten children wait", Duration.ofSeconds(60),
          () -> TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE status = 'WAITING'")
              == CHILDREN + 1 || !child.isAlive());
      assertEquals(CHILDREN + 1,
          TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE status = 'WAITING'"), child.output());
      child.kill9();
    }
    finishOnSurvivor(schema, parent);
    assertEquals(CHILDREN, Effects.count(schema, "child-started"), "the children resumed once, after their nap");
  }

  private static RunHandle startParent(String schema) {
    try (Cairn client = TestEngines.builder(schema).register(
        new FanOutWorkflows.CrashParent(null), new FanOutWorkflows.CrashChild(null, FanOutWorkflows.Mode.FINISH))
        .build()) {
      Effects.createTable(schema);
      return client.trigger("crash-parent", null);
    }
  }

  private static void finishOnSurvivor(String schema, RunHandle parent) {
    Effects effects = new Effects(TestDatabase.jdbcUrl(), schema);
    try (Cairn survivor = TestEngines.builder(schema).nodeId("survivor").workerSlots(16).register(
        new FanOutWorkflows.CrashParent(effects), new FanOutWorkflows.CrashChild(effects, FanOutWorkflows.Mode.FINISH))
        .build()) {
      survivor.start();
      @SuppressWarnings("unchecked")
      List<String> outputs = survivor.result(parent.id(), List.class, Duration.ofSeconds(90));
      assertEquals(IntStream.range(0, CHILDREN).mapToObj(i -> "CHILD-" + i).toList(), outputs);
    }
    assertEquals(1 + CHILDREN, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"),
        "no child exists twice");
    assertEquals(CHILDREN, TestDatabase.queryLong("SELECT count(DISTINCT run_id) FROM " + schema
        + ".effects WHERE step = 'child-finished'"), "every child ran to completion");
    assertEquals(CHILDREN, Effects.count(schema, "child-finished"), "and finished once");
    assertEquals(CHILDREN, TestDatabase.queryLong("SELECT count(*) FROM " + schema
        + ".runs WHERE parent_run_id IS NOT NULL AND status = 'SUCCEEDED'"));
  }
}
