package dev.cairn.pipeline.transcription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.testing.StubHttpServer.Response;
import dev.cairn.pipeline.testing.StubHttpServer;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamTranscriberTest {
  private static final String PATH = "/v1/audio/transcriptions-from-url";
  private static final String KEY = "modal-key-xyz";
  private static final URI AUDIO = URI.create("https://bucket.example.com/padded_0.webm?X-Amz-Signature=abc");

  private final StubHttpServer server = StubHttpServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestIsTheUpstreamJsonWithBearerKey() throws Exception {
    server.on("POST", PATH, request -> Response.json(200, "{\"text\":\"\",\"words\":[]}"));
    new UpstreamTranscriber(server.baseUri(), KEY).transcribe(request());

    StubHttpServer.Request sent = server.requests(PATH).get(0);
    assertEquals("Bearer " + KEY, sent.header("Authorization"));
    assertTrue(sent.header("Content-Type").startsWith("application/json"));
    assertEquals(Map.of("audio_file_url", AUDIO.toString(), "language", "en", "batch", true),
        new ObjectMapper().readValue(sent.body(), Map.class));
  }

  @Test
  void noKeyMeansNoAuthorizationHeader() {
    server.on("POST", PATH, request -> Response.json(200, "{\"words\":[]}"));
    new UpstreamTranscriber(server.baseUri(), null).transcribe(request());
    assertNull(server.requests(PATH).get(0).header("Authorization"));
  }

  @Test
  void unsortedWordsComeBackSortedStablyWithRawTextAndSpeakerZero() {
    server.on("POST", PATH, request -> Response.json(200, "{\"text\":\"b a c\",\"words\":["
        + "{\"word\":\" c\",\"start\":2.0,\"end\":2.5},"
        + "{\"word\":\" a\",\"start\":0.5,\"end\":1.0},"
        + "{\"word\":\"b1 \",\"start\":1.0,\"end\":1.2},"
        + "{\"word\":\"b2 \",\"start\":1.0,\"end\":1.4}]}"));
    List<Word> words = new UpstreamTranscriber(server.baseUri(), KEY).transcribe(request());
    assertEquals(List.of(new Word(" a", 0.5, 1.0, 0), new Word("b1 ", 1.0, 1.2, 0), new Word("b2 ", 1.0, 1.4, 0),
        new Word(" c", 2.0, 2.5, 0)), words);
  }

  @Test
  void serverErrorNamesTheStatusAndBody() {
    server.on("POST", PATH, request -> Response.json(500, "{\"detail\":\"CUDA out of memory\"}"));
    TranscriptionException e = assertThrows(TranscriptionException.class,
        () -> new UpstreamTranscriber(server.baseUri(), KEY).transcribe(request()));
    assertTrue(e.getMessage().contains("answered 500"), e.getMessage());
    assertTrue(e.getMessage().contains("CUDA out of memory"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void answerWithoutWordsIsAnError() {
    server.on("POST", PATH, request -> Response.json(200, "{\"text\":\"hello\"}"));
    TranscriptionException e = assertThrows(TranscriptionException.class,
        () -> new UpstreamTranscriber(server.baseUri(), KEY).transcribe(request()));
    assertTrue(e.getMessage().contains("without a \"words\" list"), e.getMessage());
  }

  @Test
  void malformedWordIsNamed() {
    server.on("POST", PATH, request -> Response.json(200, "{\"words\":[{\"word\":\" a\",\"start\":\"x\"}]}"));
    TranscriptionException e = assertThrows(TranscriptionException.class,
        () -> new UpstreamTranscriber(server.baseUri(), KEY).transcribe(request()));
    assertTrue(e.getMessage().contains("words[0]"), e.getMessage());
  }

  @Test
  void unreachableServiceIsNamedWithTheCauseKept() {
    URI nowhere = StubHttpServer.unreachableUri();
    TranscriptionException e = assertThrows(TranscriptionException.class,
        () -> new UpstreamTranscriber(nowhere, KEY).transcribe(request()));
    assertTrue(e.getMessage().startsWith("transcription service at " + nowhere + " unreachable: ConnectException"),
        e.getMessage());
    assertTrue(e.getCause() instanceof ConnectException);
  }

  @Test
  void describeNamesTheServiceButNotTheKey() {
    UpstreamTranscriber transcriber = new UpstreamTranscriber(server.baseUri(), KEY);
    assertEquals("upstream ASR at " + server.baseUri(), transcriber.describe());
    assertFalse(transcriber.toString().contains(KEY));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new UpstreamTranscriber(URI.create("ftp://x"), KEY));
    assertThrows(IllegalArgumentException.class,
        () -> new UpstreamTranscriber(server.baseUri(), KEY, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new UpstreamTranscriber(server.baseUri(), KEY)
        .transcribe(new TranscriptionRequest(() -> AUDIO, "rec", 0, " ")));
  }

  private static TranscriptionRequest request() {
    return new TranscriptionRequest(() -> AUDIO, "rec-1", 0, "en");
  }
}
