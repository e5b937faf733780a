package dev.cairn.pipeline.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.pipeline.testing.StubHttpServer.Response;
import dev.cairn.pipeline.testing.StubHttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DailyRestClientTest {
  static final Path SAMPLE = Path.of("../samples/daily-sample");
  static final String RECORDING_ID = "e0054b6a-809f-4983-ad28-753c713b28f6";
  static final String SESSION_ID = "4c330a26-5245-4817-83b7-c4f6b28515c8";
  private static final String KEY = "sekrit-daily-key-123";

  private final StubHttpServer server = StubHttpServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void recordingIsFetchedWithBearerKeyAndParsed() throws IOException {
    String answer = fixture("recording.json");
    server.on("GET", "/v1/recordings/" + RECORDING_ID, request -> Response.json(200, answer));
    DailyRecording recording = client().recording(RECORDING_ID);

    assertEquals("Bearer " + KEY, server.requests().get(0).header("Authorization"));
    assertEquals(RECORDING_ID, recording.id());
    assertEquals("product-sync-20261103140512", recording.roomName());
    assertEquals(1793714731L, recording.startTs());
    assertEquals("finished", recording.status());
    assertEquals(85, recording.duration());
    assertEquals(SESSION_ID, recording.mtgSessionId());
    assertEquals("acme/product-sync-20261103140512/1793714731614", recording.s3key());
    assertEquals(5, recording.tracks().size());
    DailyRecording.DailyTrack first = recording.tracks().get(0);
    assertEquals("audio", first.type());
    assertEquals(333905L, first.size());
    assertTrue(first.s3Key().endsWith("-61ec1308-9754-4cb6-9523-9ceec720715a-cam-audio-1793714732306"));
    assertEquals("video", recording.tracks().get(3).type());
  }

  @Test
  void participantsComeFromTheDataArray() throws IOException {
    String answer = fixture("participants.json");
    server.on("GET", "/v1/meetings/" + SESSION_ID + "/participants", request -> Response.json(200, answer));
    List<DailyParticipant> participants = client().participants(SESSION_ID);

    assertEquals(3, participants.size());
    assertEquals(new DailyParticipant("61ec1308-9754-4cb6-9523-9ceec720715a", "5583804a-7cc6-4895-a7bd-514498e070f3",
        "Priya Raman", 1793714668L, 152L), participants.get(0));
    assertNull(participants.get(2).userId());
    assertEquals("Elena Novak", participants.get(2).userName());
  }

  @Test
  void nullDurationAndSessionAreNull() {
    server.on("GET", "/v1/recordings/r1", request -> Response.json(200,
        "{\"id\":\"r1\",\"room_name\":\"x\",\"start_ts\":1,\"status\":\"in-progress\",\"duration\":null}"));
    DailyRecording recording = client().recording("r1");
    assertNull(recording.duration());
    assertNull(recording.mtgSessionId());
    assertEquals(List.of(), recording.tracks());
  }

  @Test
  void errorStatusNamesTheCallTheStatusAndTheBodyStart() {
    String longBody = "{\"error\":\"not-found\",\"info\":\"" + "x".repeat(500) + "\"}";
    server.on("GET", "/v1/recordings/missing", request -> Response.json(404, longBody));
    DailyApiException e = assertThrows(DailyApiException.class, () -> client().recording("missing"));

    assertEquals(404, e.status());
    assertTrue(e.getMessage().startsWith("Daily GET /recordings/missing answered 404: {\"error\":\"not-found\""),
        e.getMessage());
    assertTrue(e.getMessage().length() < 300, "body is cut to 200 characters: " + e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void answerWithoutIdIsReportedAsUnusable() {
    server.on("GET", "/v1/recordings/r1", request -> Response.json(200, "{\"room_name\":\"x\"}"));
    DailyApiException e = assertThrows(DailyApiException.class, () -> client().recording("r1"));
    assertTrue(e.getMessage().contains("\"id\" is missing"), e.getMessage());
  }

  @Test
  void unreachableDailyHasStatusZeroAndNamesTheHostAndCause() {
    DailyRestClient client = new DailyRestClient(URI.create(StubHttpServer.unreachableUri() + "/v1"), KEY);
    DailyApiException e = assertThrows(DailyApiException.class, () -> client.recording(RECORDING_ID));

    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("could not reach 127.0.0.1"), e.getMessage());
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    assertTrue(e.getCause() instanceof ConnectException);
  }

  @Test
  void missingKeyIsRefusedAtConstruction() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DailyRestClient(" "));
    assertEquals("DAILY_API_KEY is not set", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DailyRestClient(null));
  }

  @Test
  void keyNeverShowsInToString() {
    assertFalse(client().toString().contains(KEY));
  }

  @Test
  void blankIdIsACallerError() {
    assertThrows(IllegalArgumentException.class, () -> client().recording(""));
  }

  private DailyRestClient client() {
    return new DailyRestClient(URI.create(server.baseUri() + "/v1/"), KEY);
  }

  static String fixture(String name) throws IOException {
    return Files.readString(SAMPLE.resolve(name));
  }
}
