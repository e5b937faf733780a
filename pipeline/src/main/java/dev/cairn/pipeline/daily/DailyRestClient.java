package dev.cairn.pipeline.daily;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Daily's REST API over HTTPS ({@code Authorization: Bearer <key>}, 10 s per call, as upstream §3.1).
 *
 * <p>Errors are {@link DailyApiException}s whose message names the call ({@code GET /recordings/<id>}) and the
 * status with the start of Daily's answer; the key never appears in messages, logs or {@link #toString()}.
 * Thread-safe: one instance may serve every step.
 */
public final class DailyRestClient implements DailyApi {
  /** Daily's production API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.daily.co/v1");
  /** Per-call timeout (connect plus answer), as upstream's httpx client. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int BODY_EXCERPT = 200;

  private final URI baseUrl;
  private final String apiKey;
  private final HttpClient http;

  /** A client of Daily's production API. */
  public DailyRestClient(String apiKey) {
    this(DEFAULT_BASE_URL, apiKey);
  }

  /**
   * @param baseUrl the API root including {@code /v1}, e.g. {@link #DEFAULT_BASE_URL}; a trailing slash is ignored
   * @param apiKey {@code DAILY_API_KEY}; required
   */
  public DailyRestClient(URI baseUrl, String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("DAILY_API_KEY is not set");
    }
    if (baseUrl == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
      throw new IllegalArgumentException("Daily base URL must be an http(s) URL, got " + baseUrl);
    }
    this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @Override
  public List<DailyRecording> recordings(int limit) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("Daily lists 1..100 recordings per call, not " + limit);
    }
    return get("/recordings?limit=" + limit, DailyJson::recordingList);
  }

  @Override
  public DailyRecording recording(String recordingId) {
    return get("/recordings/" + segment(recordingId, "recording id"), DailyJson::recording);
  }

  @Override
  public List<DailyParticipant> participants(String mtgSessionId) {
    return get("/meetings/" + segment(mtgSessionId, "mtgSessionId") + "/participants", DailyJson::participants);
  }

  @Override
  public String toString() {
    return "DailyRestClient[" + baseUrl + "]";
  }

  private <T> T get(String path, Function<JsonNode, T> reader) {
    String call = "Daily GET " + path;
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json").GET().build();
    HttpResponse<byte[]> response = send(call, request);
    byte[] body = response.body();
    if (response.statusCode() / 100 != 2) {
      throw new DailyApiException(call + " answered " + response.statusCode() + ": " + excerpt(body),
          response.statusCode());
    }
    try {
      return reader.apply(DailyJson.tree(body));
    } catch (IllegalArgumentException e) {
      throw new DailyApiException(call + " answered " + response.statusCode() + " but " + e.getMessage() + ": "
          + excerpt(body), response.statusCode());
    }
  }

  private HttpResponse<byte[]> send(String call, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new DailyApiException(call + " failed: could not reach " + baseUrl.getHost() + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", 0, e);
    } catch (InterruptedException e) {
      // The engine interrupts a step on timeout or cancel: keep the flag so the step's runner sees it.
      Thread.currentThread().interrupt();
      throw new DailyApiException(call + " interrupted", 0, e);
    }
  }

  /** Ids end up in the URL path, so they are percent-encoded; a blank id is a caller bug, said so plainly. */
  private static String segment(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Daily " + what + " is missing");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= BODY_EXCERPT ? text : text.substring(0, BODY_EXCERPT) + "…";
  }
}
