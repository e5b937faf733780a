package dev.cairn.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Subscription;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueriesAndStreamsTest {
  @Workflow(name = "chatty")
  static final class Chatty {
    @Step
    int talk(Integer lines, StepContext ctx) throws InterruptedException {
      for (int i = 1; i <= lines; i++) {
        ctx.emit("line", i);
        if (i % 10 == 0) {
          ctx.sleep(Duration.ofMillis(50));
        }
      }
      return lines;
    }
  }

  @Workflow(name = "quiet")
  static final class Quiet {
    @Step
    String hush(String input) {
      if (input.startsWith("fail")) {
        throw new dev.cairn.NonRetryableException("asked to fail");
      }
      return input;
    }
  }

  @Test
  void subscriberThatDisconnectsAndResumesSeesEveryEventOnce() {
    try (Cairn cairn = TestEngines.builder().register(new Chatty()).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("chatty", 60);
      List<RunEvent> received = new CopyOnWriteArrayList<>();
      long resumeFrom = 0;
      int connections = 0;
      while (received.isEmpty() || !received.get(received.size() - 1).type().equals("RUN_SUCCEEDED")) {
        connections++;
        int before = received.size();
        try (Subscription subscription = cairn.watch(run.id(), resumeFrom, received::add)) {
          Await.until("a few more events", Duration.ofSeconds(30),
              () -> received.size() >= before + 7 || cairn.getRun(run.id()).status().isFinal()
                  && !received.isEmpty() && received.get(received.size() - 1).type().equals("RUN_SUCCEEDED"));
          resumeFrom = subscription.lastSeq();
        }
        resumeFrom = received.get(received.size() - 1).seq();
      }
      assertTrue(connections > 3, "the stream was resumed several times: " + connections);
      List<RunEvent> log = cairn.events(run.id(), 0, 1000);
      assertEquals(log, received, "every event exactly once, in order");
      assertEquals(60, received.stream().filter(e -> e.type().equals("line")).count());
    }
  }

  @Test
  void metadataSubscriptionSeesOnlyMatchingRuns() {
    try (Cairn cairn = TestEngines.builder().register(new Quiet()).build()) {
      cairn.start();
      Instant since = Instant.now().minusSeconds(1);
      List<RunEvent> received = new CopyOnWriteArrayList<>();
      try (Subscription subscription = cairn.watchRuns(Map.of("transcript_id", "t-7"), since, received::add)) {
        RunHandle<?> match = cairn.trigger("quiet", "a", TriggerOptions.builder().metadata("transcript_id", "t-7")
            .metadata("room", "r1").build());
        RunHandle<?> other = cairn.trigger("quiet", "b", TriggerOptions.builder().metadata("transcript_id", "t-8").build());
        RunHandle<?> second = cairn.trigger("quiet", "c", TriggerOptions.builder().metadata("transcript_id", "t-7").build());
        for (RunHandle run : List.of(match, other, second)) {
          run.await(Duration.ofSeconds(30));
        }
        Await.until("both matching runs finished in the stream", Duration.ofSeconds(10),
            () -> received.stream().filter(e -> e.type().equals("RUN_SUCCEEDED")).count() == 2);
        Set<UUID> runs = received.stream().map(RunEvent::runId).collect(Collectors.toSet());
        assertEquals(Set.of(match.id(), second.id()), runs);
        assertEquals(cairn.events(match.id(), 0, 100),
            received.stream().filter(e -> e.runId().equals(match.id())).toList());
      }
    }
  }

  @Test
  void listRunsFiltersAndPages() {
    try (Cairn cairn = TestEngines.builder().register(new Quiet()).build()) {
      cairn.start();
      Instant start = Instant.now().minusSeconds(1);
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        String input = i % 5 == 0 ? "fail-" + i : "ok-" + i;
        ids.add(cairn.trigger("quiet", input, TriggerOptions.builder()
            .metadata("batch", i < 20 ? "b1" : "b2").metadata("index", Integer.toString(i)).build()).id());
      }
      for (UUID id : ids) {
        cairn.await(id, Duration.ofSeconds(30));
      }
      RunPage failed = cairn.listRuns(RunQuery.builder().status(RunStatus.FAILED).build());
      assertEquals(5, failed.runs().size());
      assertNull(failed.nextPageToken());
      failed.runs().forEach(run -> assertTrue(run.error().contains("asked to fail")));

      Set<UUID> seen = new HashSet<>();
      String token = null;
      int pages = 0;
      do {
        RunPage page = cairn.listRuns(RunQuery.builder().workflow("quiet").metadata("batch", "b1").pageSize(7)
            .createdFrom(start).pageToken(token).build());
        pages++;
        for (RunSummary run : page.runs()) {
          assertTrue(seen.add(run.id()), "no run twice across pages");
          assertEquals("b1", run.metadata().get("batch"));
        }
        token = page.nextPageToken();
      } while (token != null);
      assertEquals(3, pages);
      assertEquals(Set.copyOf(ids.subList(0, 20)), seen);

      List<RunSummary> newestFirst = cairn.listRuns(RunQuery.builder().metadata("batch", "b2").build()).runs();
      assertEquals(IntStream.range(20, 25).mapToObj(i -> ids.get(44 - i)).toList(),
          newestFirst.stream().map(RunSummary::id).toList());
      assertEquals(0, cairn.listRuns(RunQuery.builder().workflow("quiet").createdTo(start).build()).runs().size());
      assertThrows(IllegalArgumentException.class,
          () -> cairn.listRuns(RunQuery.builder().pageToken("not-a-token").build()));
    }
  }
}
