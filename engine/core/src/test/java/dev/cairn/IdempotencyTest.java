package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
  @Workflow(name = "import")
  static final class Import {
    final AtomicInteger runs = new AtomicInteger();

    @Step
    String load(String file) {
      runs.incrementAndGet();
      return "loaded " + file;
    }
  }

  @Test
  void sameKeyReturnsTheSameRunAndRunsOnce() {
    Import workflow = new Import();
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(workflow).build()) {
      cairn.start();
      TriggerOptions options = TriggerOptions.builder().idempotencyKey("recording-42").build();
      RunHandle<?> first = cairn.trigger("import", "a.csv", options);
      RunHandle<?> second = cairn.trigger("import", "b.csv", options);
      assertEquals(first.id(), second.id());
      assertEquals("loaded a.csv", second.result(String.class, Duration.ofSeconds(30)));
      RunHandle<?> third = cairn.trigger("import", "c.csv", options);
      assertEquals(first.id(), third.id());
      assertEquals(1, workflow.runs.get());
      assertEquals(1, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"));
    }
  }

  @Test
  void concurrentTriggersWithOneKeyCreateOneRun() throws Exception {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new Import()).build()) {
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<UUID>> ids = new ArrayList<>();
      for (int i = 0; i < threads * 4; i++) {
        ids.add(pool.submit(() -> {
          start.await();
          return cairn.trigger("import", "x.csv", TriggerOptions.builder().idempotencyKey("same").build()).id();
        }));
      }
      start.countDown();
      Set<UUID> distinct = new HashSet<>();
      for (Future<UUID> id : ids) {
        distinct.add(id.get());
      }
      pool.shutdown();
      assertEquals(1, distinct.size());
      assertEquals(1, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"));
      assertEquals(1, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps"));
    }
  }

  @Test
  void keysAreScopedToTheirWorkflowAndBulkTriggersDeduplicate() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new Import()).build()) {
      List<RunHandle<Object>> handles = cairn.triggerAll("import", List.of("1", "2", "3"),
          TriggerOptions.builder().idempotencyKey("bulk").build());
      assertEquals(1, handles.stream().map(RunHandle::id).distinct().count());
      RunHandle<?> other = cairn.trigger("import", "4", TriggerOptions.builder().idempotencyKey("other").build());
      assertEquals(2, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"));
      assertEquals(false, other.id().equals(handles.get(0).id()));
    }
  }
}
