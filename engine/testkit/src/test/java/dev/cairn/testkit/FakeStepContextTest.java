package dev.cairn.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cairn.ChildRunFailedException;
import dev.cairn.ChildSpec;
import dev.cairn.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One step method called directly, its durable operations answered by the script and recorded. */
class FakeStepContextTest {
  record Track(int index, String url) {}

  record Transcript(int index, String text) {}

  /** A step as a user writes it: fans out, waits a little, asks for an approval. */
  static String summarise(List<Track> tracks, StepContext ctx) {
    ctx.emit("tracks", tracks.size());
    List<Transcript> transcripts = ctx.runChildren("transcribe",
        tracks.stream().map(track -> ChildSpec.of("track-" + track.index(), track)).toList(), Transcript.class);
    ctx.sleep(Duration.ofMinutes(5));
    Optional<String> approval = ctx.waitForEvent("approve", Duration.ofHours(1), String.class);
    return transcripts.stream().map(Transcript::text).reduce("", String::concat) + " / "
        + approval.orElse("unapproved");
  }

  @Test
  void scriptedChildrenAndEventsAnswerAndEverythingIsRecorded() {
    FakeStepContext ctx = FakeStepContext.builder().step("pipeline", "summarise")
        .child("transcribe", "track-0", new Transcript(0, "hello "))
        .child("transcribe", "track-1", new Transcript(1, "world"))
        .event("approve", "ok").build();

    String summary = summarise(List.of(new Track(0, "s3://a"), new Track(1, "s3://b")), ctx);

    assertEquals("hello world / ok", summary);
    assertEquals(List.of(new FakeStepContext.Emitted("tracks", "2")), ctx.emitted());
    assertEquals(List.of("track-0", "track-1"),
        ctx.childrenStarted().stream().map(FakeStepContext.StartedChild::key).toList());
    assertEquals("{\"index\":1,\"url\":\"s3://b\"}", ctx.childrenStarted().get(1).inputJson());
    assertEquals(List.of(Duration.ofMinutes(5)), ctx.sleeps());
    assertEquals(List.of(new FakeStepContext.EventWait("approve", Duration.ofHours(1))), ctx.eventWaits());
    assertEquals("summarise", ctx.stepName());
  }

  @Test
  void anUnscriptedEventTimesOutAndAFailedChildThrows() {
    FakeStepContext ctx = FakeStepContext.builder().child("transcribe", "track-0", new Transcript(0, "a"))
        .failedChild("transcribe", "track-1", "ASR answered 503").build();
    ChildRunFailedException failed = assertThrows(ChildRunFailedException.class,
        () -> summarise(List.of(new Track(0, "x"), new Track(1, "y")), ctx));
    assertEquals("track-1", failed.childKey());
    assertEquals(Optional.empty(), ctx.waitForEvent("never", Duration.ofSeconds(1), String.class));
    assertThrows(IllegalStateException.class, () -> ctx.awaitChild(ctx.startChild("transcribe", "track-9", null),
        Transcript.class), "an unscripted child is a test mistake, said loudly");
  }
}
