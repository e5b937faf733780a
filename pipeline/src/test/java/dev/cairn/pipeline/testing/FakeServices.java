package dev.cairn.pipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The third-party services the pipeline calls, as one local HTTP server speaking their documented wire formats:
 * Daily's REST API, the upstream transcription API (answering with the sample's recorded words after fetching
 * the presigned audio URL it was given), Zulip, and customers' webhook receivers.
 */
public final class FakeServices implements AutoCloseable {
  public static final String DAILY_KEY = "daily-test-key";
  public static final long ZULIP_MESSAGE_ID = 4242;
  private static final Pattern PADDED = Pattern.compile("padded_(\\d+)\\.webm");
  private static final byte[] WEBM_MAGIC = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

  private final StubHttpServer server = StubHttpServer.start();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<Integer, AtomicInteger> transcriptions = new ConcurrentHashMap<>();
  private final Map<Integer, CountDownLatch> asrGates = new ConcurrentHashMap<>();
  private volatile SampleRecording asrAnswers;
  private volatile boolean asrDown;
  private final AtomicInteger asrFailuresToGo = new AtomicInteger();
  private final List<JsonNode> listed = new CopyOnWriteArrayList<>();

  public FakeServices() {
    server.on("POST", "/v1/audio/transcriptions-from-url", this::transcribe);
    server.on("POST", "/api/v1/messages",
        request -> StubHttpServer.Response.json(200, "{\"result\":\"success\",\"msg\":\"\",\"id\":" + ZULIP_MESSAGE_ID + "}"));
    server.on("PATCH", "/api/v1/messages/" + ZULIP_MESSAGE_ID,
        request -> StubHttpServer.Response.json(200, "{\"result\":\"success\",\"msg\":\"\"}"));
    server.on("POST", "/hooks/ok", request -> StubHttpServer.Response.json(200, "{}"));
    server.onSequence("POST", "/hooks/flaky", StubHttpServer.Response.text(500, "down"),
        StubHttpServer.Response.text(500, "still down"), StubHttpServer.Response.json(200, "{}"));
    server.on("POST", "/hooks/bad", request -> StubHttpServer.Response.text(400, "unknown event"));
    server.on("GET", "/v1/recordings", request -> {
      ObjectNode page = json.createObjectNode().put("total_count", listed.size());
      listed.forEach(page.putArray("data")::add);
      return authorised(request, page.toString());
    });
  }

  public StubHttpServer server() {
    return server;
  }

  public URI baseUri() {
    return server.baseUri();
  }

  public String dailyApiUrl() {
    return server.baseUri() + "/v1";
  }

  public String hook(String name) {
    return server.baseUri() + "/hooks/" + name;
  }

  /** Daily lists this recording answer too ({@code GET /v1/recordings}, the poller's call), newest first. */
  public void list(JsonNode recording) {
    listed.add(0, recording);
  }

  /** Daily answers for this recording (and lists it); the transcription service answers with its recorded words. */
  public void serve(SampleRecording recording) {
    JsonNode answer = recording.recordingJson();
    list(answer);
    server.on("GET", "/v1/recordings/" + recording.recordingId(),
        request -> authorised(request, answer.toString()));
    server.on("GET", "/v1/meetings/" + answer.path("mtgSessionId").asText() + "/participants",
        request -> authorised(request, recording.participantsJson().toString()));
    asrAnswers = recording;
  }

  /** Holds transcription requests for track {@code index} until {@link #releaseTrack} (crash tests). */
  public void holdTrack(int index) {
    asrGates.put(index, new CountDownLatch(1));
  }

  public void releaseTrack(int index) {
    CountDownLatch gate = asrGates.remove(index);
    if (gate != null) {
      gate.countDown();
    }
  }

  /** While down, the transcription service answers 503 to everything. */
  public void asrDown(boolean down) {
    asrDown = down;
  }

  /** The next {@code count} transcription requests are answered 503 (a service that is briefly unwell). */
  public void failTranscriptions(int count) {
    asrFailuresToGo.set(count);
  }

  /** Transcription requests received for a track (a retried or repeated transcription counts again). */
  public int transcriptionsOf(int index) {
    return transcriptions.computeIfAbsent(index, i -> new AtomicInteger()).get();
  }

  private StubHttpServer.Response authorised(StubHttpServer.Request request, String body) {
    if (!("Bearer " + DAILY_KEY).equals(request.header("Authorization"))) {
      return StubHttpServer.Response.json(401, "{\"error\":\"authentication-error\"}");
    }
    return StubHttpServer.Response.json(200, body);
  }

  private StubHttpServer.Response transcribe(StubHttpServer.Request request) {
    try {
      JsonNode body = json.readTree(request.body());
      String url = body.path("audio_file_url").asText();
      Matcher padded = PADDED.matcher(url);
      if (!padded.find() || !body.path("batch").asBoolean() || body.path("language").asText().isEmpty()) {
        return StubHttpServer.Response.json(422, "{\"detail\":\"unexpected request " + body + "\"}");
      }
      int index = Integer.parseInt(padded.group(1));
      transcriptions.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet();
      if (asrDown || asrFailuresToGo.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return StubHttpServer.Response.json(503, "{\"detail\":\"model is loading\"}");
      }
      byte[] audio = fetch(URI.create(url));
      if (audio.length < 4 || audio[0] != WEBM_MAGIC[0] || audio[1] != WEBM_MAGIC[1] || audio[2] != WEBM_MAGIC[2]
          || audio[3] != WEBM_MAGIC[3]) {
        return StubHttpServer.Response.json(400, "{\"detail\":\"audio_file_url is not a WebM file\"}");
      }
      CountDownLatch gate = asrGates.get(index);
      if (gate != null && !gate.await(2, TimeUnit.MINUTES)) {
        return StubHttpServer.Response.json(504, "{\"detail\":\"held too long\"}");
      }
      return StubHttpServer.Response.bytes(200, "application/json", asrAnswers.asrAnswer(index));
    } catch (IOException | InterruptedException e) {
      return StubHttpServer.Response.json(500, "{\"detail\":\"" + e + "\"}");
    }
  }

  private byte[] fetch(URI url) throws IOException, InterruptedException {
    if ("file".equals(url.getScheme())) {
      return Files.readAllBytes(Path.of(url));
    }
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + " answered " + response.statusCode());
    }
    return response.body();
  }

  @Override
  public void close() {
    server.close();
  }
}
