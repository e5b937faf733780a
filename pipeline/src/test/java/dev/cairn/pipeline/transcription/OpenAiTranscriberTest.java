package dev.cairn.pipeline.transcription;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.testing.StubHttpServer.Response;
import dev.cairn.pipeline.testing.StubHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiTranscriberTest {
  private static final String PATH = "/v1/audio/transcriptions";
  private static final String KEY = "sk-test-123";
  private static final Path TRACK = Path.of("../samples/daily-sample/tracks/"
      + "1793714731614-61ec1308-9754-4cb6-9523-9ceec720715a-cam-audio-1793714732306");

  private final StubHttpServer server = StubHttpServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void audioIsDownloadedAndUploadedAsMultipartWithWordTimestamps() throws Exception {
    byte[] audio = Files.readAllBytes(TRACK);
    server.on("GET", "/presigned/padded_0.webm", request -> Response.bytes(200, "audio/webm", audio));
    server.on("POST", PATH, request -> Response.json(200, "{\"text\":\"Okay thanks\",\"words\":["
        + "{\"word\":\"thanks\",\"start\":2.25,\"end\":2.72},{\"word\":\"Okay,\",\"start\":1.62,\"end\":2.25}]}"));

    List<Word> words = transcriber().transcribe(request());

    assertEquals(List.of(new Word(" Okay,", 1.62, 2.25, 0), new Word(" thanks", 2.25, 2.72, 0)), words);
    StubHttpServer.Request upload = server.requests(PATH).get(0);
    assertEquals("Bearer " + KEY, upload.header("Authorization"));
    Map<String, byte[]> parts = parts(upload);
    assertEquals(List.of("model", "language", "response_format", "timestamp_granularities[]", "file"),
        List.copyOf(parts.keySet()));
    assertEquals("whisper-1", text(parts.get("model")));
    assertEquals("en", text(parts.get("language")));
    assertEquals("verbose_json", text(parts.get("response_format")));
    assertEquals("word", text(parts.get("timestamp_granularities[]")));
    assertArrayEquals(audio, parts.get("file"));
    assertTrue(upload.bodyText().contains("filename=\"audio.webm\""));
  }

  @Test
  void failedDownloadNamesTheHostButNotTheSignedUrl() {
    TranscriptionException e = assertThrows(TranscriptionException.class, () -> transcriber().transcribe(request()));
    assertTrue(e.getMessage().contains("audio download from " + server.baseUri()), e.getMessage());
    assertTrue(e.getMessage().contains("answered 404"), e.getMessage());
    assertFalse(e.getMessage().contains("Signature"), e.getMessage());
    assertTrue(server.requests(PATH).isEmpty(), "nothing is uploaded after a failed download");
  }

  @Test
  void serviceErrorNamesTheStatus() {
    server.on("GET", "/presigned/padded_0.webm", request -> Response.bytes(200, "audio/webm", new byte[] {1, 2}));
    server.on("POST", PATH, request -> Response.json(401, "{\"error\":{\"message\":\"Incorrect API key\"}}"));
    TranscriptionException e = assertThrows(TranscriptionException.class, () -> transcriber().transcribe(request()));
    assertTrue(e.getMessage().contains("answered 401") && e.getMessage().contains("Incorrect API key"),
        e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void describeNamesModelAndHostOnly() {
    assertEquals("OpenAI-compatible ASR (whisper-1) at " + server.baseUri(), transcriber().describe());
    assertThrows(IllegalArgumentException.class, () -> new OpenAiTranscriber(server.baseUri(), ""));
  }

  private OpenAiTranscriber transcriber() {
    return new OpenAiTranscriber(server.baseUri(), KEY);
  }

  private TranscriptionRequest request() {
    URI audio = URI.create(server.baseUri() + "/presigned/padded_0.webm?X-Amz-Signature=abc");
    return new TranscriptionRequest(() -> audio, "rec-1", 0, "en");
  }

  /** A small multipart reader written for the test, independent of the client's writer. */
  private static Map<String, byte[]> parts(StubHttpServer.Request request) {
    Matcher boundary = Pattern.compile("boundary=(\\S+)").matcher(request.header("Content-Type"));
    assertTrue(request.header("Content-Type").startsWith("multipart/form-data") && boundary.find());
    byte[] body = request.body();
    byte[] delimiter = ("--" + boundary.group(1)).getBytes(StandardCharsets.US_ASCII);
    Map<String, byte[]> parts = new LinkedHashMap<>();
    int start = indexOf(body, delimiter, 0);
    while (true) {
      int headersStart = start + delimiter.length + 2;
      if (body[start + delimiter.length] == '-') {
        return parts;
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
      assertTrue(name.find(), headers);
      int next = indexOf(body, delimiter, headersEnd + 4);
      parts.put(name.group(1), Arrays.copyOfRange(body, headersEnd + 4, next - 2));
      start = next;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("multipart delimiter not found after " + from);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
