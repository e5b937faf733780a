package dev.cairn.pipeline.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.app.PipelineComponents;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Word;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TranscriptStoreTest {
  private final ObjectMapper json = PipelineComponents.json();
  private TranscriptStore store;
  private MeetingStore meetings;
  private String transcriptId;

  @BeforeEach
  void setUp() {
    String schema = TestDatabase.newSchema();
    TranscriptDatabase.migrate(TestDatabase.dataSource(), schema);
    store = new TranscriptStore(TestDatabase.dataSource(), schema, json);
    meetings = new MeetingStore(TestDatabase.dataSource(), schema, json);
    meetings.saveRecording(new Recording("rec-1", "bucket", "acme/room", Instant.parse("2026-11-03T14:05:31Z"), null,
        "room-20261103140512", List.of("a-cam-audio-1")));
    transcriptId = store.transcriptForRecording("rec-1", null, null);
  }

  @Test
  void concurrentStepsLoseNoWriteAndEventsHaveNoGaps() throws Exception {
    int threads = 8;
    int perThread = 40;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          switch (thread % 4) {
            case 0 -> store.setWaveform(transcriptId, List.of(0.1 * (i % 10), 1.0));
            case 1 -> store.setSummaries(transcriptId, "short " + i, "long " + i);
            case 2 -> store.setFinalTitle(transcriptId, "Title " + thread);
            default -> store.putTopic(transcriptId, thread * 1000 + i, new Topic(UUID.randomUUID(), "t" + i, "s",
                i, 1, "w", List.of(new Word(" w", i, i + 0.5, thread))));
          }
        }
        return null;
      }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    pool.shutdown();
    // waveform: 1 event per call; summaries: 2 per call; title: 1; topic: 1.
    int expected = 2 * perThread * (1 + 2 + 1 + 1);
    List<TranscriptEvent> events = store.events(transcriptId, 0, 10_000);
    assertEquals(expected, events.size());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).seq(), "event sequence has a gap or a duplicate at " + i);
    }
    Transcript transcript = store.get(transcriptId);
    assertEquals(2 * perThread, transcript.topics().size(), "every topic written by two threads is there");
    assertTrue(transcript.title().startsWith("Title "));
    assertEquals(2, transcript.waveform().size());
    assertTrue(transcript.shortSummary().startsWith("short "));
  }

  @Test
  void watchStreamsTheLogInOrderIncludingWhatCameBefore() {
    store.setStatus(transcriptId, TranscriptStatus.PROCESSING);
    List<TranscriptEvent> seen = new CopyOnWriteArrayList<>();
    try (TranscriptWatch watch = store.watch(transcriptId, 0, seen::add)) {
      Await.until("the event from before the watch", Duration.ofSeconds(10), () -> seen.size() == 1);
      store.resetForProcessing(transcriptId, 85_000);
      for (int i = 0; i < 50; i++) {
        store.appendEvent(transcriptId, EventType.TOPIC, Map.of("n", i));
      }
      store.finish(transcriptId);
      Await.until("all 55 events watched", Duration.ofSeconds(10), () -> seen.size() >= 55);
    }
    // The reset deleted the first STATUS after the watcher had delivered it; every later append arrived in order.
    assertEquals(55, seen.size());
    assertEquals(List.of(EventType.STATUS, EventType.STATUS, EventType.DURATION),
        seen.subList(0, 3).stream().map(TranscriptEvent::event).toList());
    assertEquals(EventType.TRANSCRIPT, seen.get(53).event());
    assertEquals(EventType.STATUS, seen.get(54).event());
    assertEquals("ended", seen.get(54).data().path("value").asText());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i).seq() > seen.get(i - 1).seq());
    }
  }

  @Test
  void resetStartsCleanButKeepsTheTitle() {
    store.setFinalTitle(transcriptId, "Kept by the user");
    store.upsertParticipants(transcriptId, List.of(new Participant("p1", 0, "Ann", null)));
    store.putTopic(transcriptId, 0, new Topic(UUID.randomUUID(), "t", "s", 0, 1, "x", List.of()));
    store.resetForProcessing(transcriptId, 1000);
    Transcript transcript = store.get(transcriptId);
    assertEquals("Kept by the user", transcript.title());
    assertTrue(transcript.participants().isEmpty());
    assertTrue(transcript.topics().isEmpty());
    List<TranscriptEvent> events = store.events(transcriptId, 0, 100);
    assertEquals(List.of(EventType.STATUS, EventType.DURATION), events.stream().map(TranscriptEvent::event).toList());
    assertEquals("idle", events.get(0).data().path("value").asText());
    assertEquals(1000.0, events.get(1).data().path("duration").asDouble());
    store.setFinalTitle(transcriptId, "Generated");
    assertEquals("Kept by the user", store.get(transcriptId).title(), "a generated title never overwrites one");
  }

  @Test
  void statusChangesOnlyOnceAndUnknownTranscriptsAreNamed() {
    assertTrue(store.setStatus(transcriptId, TranscriptStatus.PROCESSING));
    assertFalse(store.setStatus(transcriptId, TranscriptStatus.PROCESSING));
    assertEquals(1, store.events(transcriptId, 0, 10).size());
    UnknownTranscriptException unknown = assertThrows(UnknownTranscriptException.class,
        () -> store.setStatus("nope", TranscriptStatus.ERROR));
    assertEquals("no transcript with id nope", unknown.getMessage());
    assertThrows(UnknownTranscriptException.class, () -> store.setAudioDeleted("nope", true));
  }

  @Test
  void aRecordingHasOneTranscriptAndConsentNeedsOneRefusal() {
    assertEquals(transcriptId, store.transcriptForRecording("rec-1", null, null));
    meetings.saveMeeting("m1", null, "room-20261103140512", Instant.parse("2026-11-03T14:00:00Z"));
    assertFalse(meetings.consentDenied("m1"));
    meetings.recordConsent("m1", "u1", true);
    assertFalse(meetings.consentDenied("m1"));
    meetings.recordConsent("m1", null, false);
    assertTrue(meetings.consentDenied("m1"));
    assertEquals("m1", meetings.meetingNear("room-20261103140512", Instant.parse("2026-11-03T14:05:31Z"),
        Duration.ofHours(168)).orElseThrow());
    assertTrue(meetings.meetingNear("other-room", Instant.now(), Duration.ofHours(1)).isEmpty());
    assertNull(store.get(transcriptId).audioDeleted());
  }
}
