package dev.cairn.pipeline.daily;

import static dev.cairn.pipeline.daily.DailyRestClientTest.RECORDING_ID;
import static dev.cairn.pipeline.daily.DailyRestClientTest.SAMPLE;
import static dev.cairn.pipeline.daily.DailyRestClientTest.SESSION_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDailyFolderTest {

  @Test
  void theSampleFolderItselfIsARecording() {
    LocalDailyFolder folder = new LocalDailyFolder(SAMPLE);
    DailyRecording recording = folder.recording(RECORDING_ID);
    assertEquals(SESSION_ID, recording.mtgSessionId());
    assertEquals(5, recording.tracks().size());

    List<DailyParticipant> participants = folder.participants(SESSION_ID);
    assertEquals(List.of("Priya Raman", "Marcus Chen", "Elena Novak"),
        participants.stream().map(DailyParticipant::userName).toList());
  }

  @Test
  void subfoldersOfTheRootAreRecordings() {
    LocalDailyFolder folder = new LocalDailyFolder(SAMPLE.getParent());
    assertEquals(RECORDING_ID, folder.recording(RECORDING_ID).id());
    assertEquals(SAMPLE.getParent().resolve("daily-sample"), folder.recordingFolder(RECORDING_ID).orElseThrow());
  }

  @Test
  void unknownIdIs404NamingTheIdAndTheRoot() {
    DailyApiException e = assertThrows(DailyApiException.class,
        () -> new LocalDailyFolder(SAMPLE).recording("no-such-recording"));
    assertEquals(404, e.status());
    assertTrue(e.getMessage().contains("no-such-recording"), e.getMessage());
    assertTrue(e.getMessage().contains("daily-sample"), e.getMessage());
  }

  @Test
  void unknownSessionIs404() {
    DailyApiException e = assertThrows(DailyApiException.class,
        () -> new LocalDailyFolder(SAMPLE).participants("other-session"));
    assertEquals(404, e.status());
    assertTrue(e.getMessage().contains("other-session"), e.getMessage());
  }

  @Test
  void brokenRecordingFileNamesTheFile(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("broken"));
    Files.writeString(root.resolve("broken/recording.json"), "{not json");
    DailyApiException e = assertThrows(DailyApiException.class, () -> new LocalDailyFolder(root).recording("x"));
    assertTrue(e.getMessage().contains("broken/recording.json") && e.getMessage().contains("not JSON"),
        e.getMessage());
  }

  @Test
  void missingRootIsRefusedAtConstruction(@TempDir Path root) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LocalDailyFolder(root.resolve("absent")));
    assertTrue(e.getMessage().contains("absent"), e.getMessage());
  }
}
