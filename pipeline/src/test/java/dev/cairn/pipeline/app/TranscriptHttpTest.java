package dev.cairn.pipeline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.RunStatus;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.pipeline.transcript.TranscriptEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts over HTTP: the JSON view and the live event stream (Server-Sent Events, resumable). */
class TranscriptHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private String bearer;

  @TempDir
  Path temp;

  /** One Server-Sent Event as received. */
  record Frame(long id, String event, JsonNode data) {}

  @Test
  void aWatcherSeesTheWholeLogLiveAndCanResumeFromAnEventId() throws Exception {
    try (FakeServices fakes = new FakeServices();
        PipelineHarness pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes, temp.resolve("s")))) {
      SampleRecording recording = pipeline.sample(fakes, "http", null);
      DailyIngest.Started started = pipeline.process(recording);
      String transcriptId = started.transcriptId();
      URI events = pipeline.httpBase().resolve("/v1/transcripts/" + transcriptId + "/events");
      bearer = "Bearer " + pipeline.clientToken();

      List<Frame> live = CompletableFuture.supplyAsync(() -> readUntilEnded(events, null)).get(3, TimeUnit.MINUTES);
      List<TranscriptEvent> stored = pipeline.services().transcripts().events(transcriptId, 0, 1000);
      List<TranscriptEvent> upToEnd = stored.stream()
          .filter(e -> e.seq() <= live.get(live.size() - 1).id()).toList();
      // A watcher that connected early also saw the first STATUS, which get_participants' reset then removed.
      List<Frame> sinceReset = live.stream().filter(f -> f.id() >= stored.get(0).seq()).toList();
      assertTrue(live.size() - sinceReset.size() <= 1, "only the event before the reset is extra: " + live);
      assertEquals(upToEnd.stream().map(TranscriptEvent::seq).toList(), sinceReset.stream().map(Frame::id).toList(),
          "the stream delivers exactly the stored log, in order");
      assertEquals(upToEnd.stream().map(e -> e.event().name()).toList(),
          sinceReset.stream().map(Frame::event).toList());
      assertTrue(live.stream().anyMatch(f -> f.event().equals("TOPIC")));
      Frame title = live.stream().filter(f -> f.event().equals("FINAL_TITLE")).findFirst().orElseThrow();

      List<Frame> resumed = readUntilEnded(events, Long.toString(title.id()));
      assertEquals(title.id() + 1, resumed.get(0).id(), "Last-Event-ID resumes right after that event");

      assertEquals(RunStatus.SUCCEEDED, pipeline.await(started.runId()).status());
      HttpResponse<String> view = http.send(HttpRequest.newBuilder(
          pipeline.httpBase().resolve("/v1/transcripts/" + transcriptId)).header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, view.statusCode());
      JsonNode transcript = JSON.readTree(view.body());
      assertEquals("ended", transcript.path("status").asText());
      assertEquals(title.data().path("title").asText(), transcript.path("title").asText());
      assertEquals(3, transcript.path("participants").size());
      assertEquals("Elena Novak", transcript.path("participants").get(2).path("name").asText());

      HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
          pipeline.httpBase().resolve("/v1/transcripts/nope/events")).header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, unknown.statusCode());
      assertTrue(unknown.body().contains("no transcript with id nope"), unknown.body());
      HttpResponse<String> badResume = http.send(HttpRequest.newBuilder(events).header("Last-Event-ID", "x")
          .header("Authorization", bearer).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, badResume.statusCode());
    }
  }


  /** Reads frames until the STATUS event that says ended, then hangs up. */
  private List<Frame> readUntilEnded(URI events, String lastEventId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(events).header("Authorization", bearer);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    List<Frame> frames = new ArrayList<>();
    try {
      HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
      assertEquals(200, response.statusCode());
      assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
      try (Stream<String> lines = response.body()) {
        Iterator<String> it = lines.iterator();
        long id = -1;
        String event = null;
        while (it.hasNext()) {
          String line = it.next();
          if (line.startsWith("id: ")) {
            id = Long.parseLong(line.substring(4));
          } else if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ")) {
            Frame frame = new Frame(id, event, JSON.readTree(line.substring(6)));
            frames.add(frame);
            if (frame.event().equals("STATUS") && frame.data().path("value").asText().equals("ended")) {
              return frames;
            }
          }
        }
      }
    } catch (Exception e) {
      throw new AssertionError("event stream failed after " + frames.size() + " frames", e);
    }
    throw new AssertionError("event stream ended before the transcript did: " + frames);
  }
}
