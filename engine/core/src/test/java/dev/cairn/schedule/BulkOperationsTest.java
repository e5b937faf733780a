package dev.cairn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.BulkResult;
import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cancel and replay by filter: in pages, counted, safe to repeat, leaving what the filter does not match. */
class BulkOperationsTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  @Workflow(name = "gated")
  static final class Gated {
    final CountDownLatch open = new CountDownLatch(1);

    @Step
    int pass(Integer n) throws InterruptedException {
      open.await(5, TimeUnit.MINUTES); // until the test opens it, or a cancel interrupts it
      return n;
    }
  }

  @Workflow(name = "bystander")
  static final class Bystander {
    @Step
    int pass(Integer n) {
      return n;
    }
  }

  @Test
  void aThousandRunsAreCancelledByFilterThenReplayedAndARepeatChangesNothing() {
    String schema = TestDatabase.newSchema();
    Gated gated = new Gated();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(2).register(gated, new Bystander()).build()) {
      cairn.start();
      List<Integer> inputs = IntStream.range(0, 1000).boxed().toList();
      cairn.triggerAll("gated", inputs, TriggerOptions.builder().metadata("batch", "b1").build());
      Await.until("two run, the rest wait", WAIT, () -> count(schema, "gated", "RUNNING") == 2);
      RunHandle<Object> bystander = cairn.trigger("bystander", 3); // queued behind the two busy slots

      BulkResult cancelled = cairn.cancelAll(RunQuery.builder().metadata("batch", "b1").build());
      assertEquals(new BulkResult(1000, 1000), cancelled, "queued and running alike");
      assertEquals(1000, count(schema, "gated", "CANCELLED"));
      assertEquals(3, bystander.result(Integer.class, WAIT), "not matched, not touched: it runs once slots free");
      assertEquals(new BulkResult(0, 0), cairn.cancelAll(RunQuery.builder().metadata("batch", "b1").build()),
          "a repeat finds nothing left to cancel");

      gated.open.countDown();
      BulkResult replayed = cairn.replayAll(RunQuery.builder().workflow("gated").status(RunStatus.CANCELLED).build());
      assertEquals(new BulkResult(1000, 1000), replayed);
      Await.until("every replayed run succeeds", WAIT, () -> count(schema, "gated", "SUCCEEDED") == 1000);
      assertEquals(new BulkResult(0, 0), cairn.replayAll(RunQuery.builder().workflow("gated").build()),
          "nothing failed or cancelled is left");

      IllegalArgumentException everything = assertThrows(IllegalArgumentException.class,
          () -> cairn.cancelAll(RunQuery.builder().build()));
      assertTrue(everything.getMessage().contains("the filter is empty"), everything.getMessage());
      assertEquals(new BulkResult(0, 0), cairn.cancelAll(RunQuery.builder().status(RunStatus.SUCCEEDED).build()),
          "finished runs are not cancelled");
    }
  }

  @Test
  void bulkOperationsWorkThroughTheClient() {
    String schema = TestDatabase.newSchema();
    Gated gated = new Gated();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(1).grpcPort(0).grpcHost("127.0.0.1").register(gated)
        .build()) {
      cairn.start();
      NewToken token = cairn.tokens().create("bulk", Role.CLIENT, null);
      try (CairnClient client = CairnClient.builder("127.0.0.1:" + cairn.grpcPort()).token(token.secret()).build()) {
        client.triggerAll("gated", List.of(1, 2, 3, 4, 5), TriggerOptions.builder().metadata("batch", "c").build());
        assertEquals(new BulkResult(5, 5), client.cancelAll(RunQuery.builder().metadata("batch", "c").build()));
        gated.open.countDown();
        assertEquals(new BulkResult(5, 5), client.replayAll(RunQuery.builder().metadata("batch", "c").build()));
        Await.until("the replayed runs succeed", WAIT, () -> count(schema, "gated", "SUCCEEDED") == 5);
        CairnException everything = assertThrows(CairnException.class,
            () -> client.cancelAll(RunQuery.builder().build()));
        assertTrue(everything.getMessage().startsWith("INVALID_ARGUMENT: the filter is empty"),
            everything.getMessage());
      }
    }
  }

  private static long count(String schema, String workflow, String status) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE workflow_name = '" + workflow
        + "' AND status = '" + status + "'");
  }
}
