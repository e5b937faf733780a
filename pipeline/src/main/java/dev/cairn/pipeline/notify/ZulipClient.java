package dev.cairn.pipeline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zulip's messages API as a bot (HTTP Basic with the bot's email and API key, form-encoded bodies; upstream §8.2).
 * Errors are {@link NotifyException}s naming the call, the status and Zulip's {@code msg}. Thread-safe; the key
 * never appears in messages, logs or {@link #toString()}.
 */
public final class ZulipClient {
  /** Per-call timeout. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(ZulipClient.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI realmUrl;
  private final String authorization;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /**
   * @param realmUrl e.g. {@code https://example.zulipchat.com}; a trailing slash is ignored
   * @param botEmail {@code ZULIP_BOT_EMAIL}; required
   * @param apiKey {@code ZULIP_API_KEY}; required
   */
  public ZulipClient(URI realmUrl, String botEmail, String apiKey) {
    if (realmUrl == null || !("http".equals(realmUrl.getScheme()) || "https".equals(realmUrl.getScheme()))
        || realmUrl.getHost() == null) {
      throw new IllegalArgumentException("Zulip realm must be an absolute http(s) URL, got " + realmUrl);
    }
    if (botEmail == null || botEmail.isBlank()) {
      throw new IllegalArgumentException("ZULIP_BOT_EMAIL is not set");
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("ZULIP_API_KEY is not set");
    }
    this.realmUrl = URI.create(realmUrl.toString().replaceAll("/+$", ""));
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((botEmail + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
  }

  /** Posts a new stream message and returns its id. */
  public long post(String stream, String topic, String content) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", "stream");
    form.put("to", required(stream, "stream"));
    form.put("topic", required(topic, "topic"));
    form.put("content", required(content, "content"));
    JsonNode answer = call("POST", "/api/v1/messages", form);
    JsonNode id = answer.get("id");
    if (id == null || !id.canConvertToLong()) {
      throw new NotifyException("Zulip POST /api/v1/messages answered without a message id: " + answer, 200);
    }
    return id.asLong();
  }

  /** Replaces the topic and content of message {@code id}. */
  public void update(long id, String topic, String content) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("topic", required(topic, "topic"));
    form.put("content", required(content, "content"));
    call("PATCH", "/api/v1/messages/" + id, form);
  }

  /**
   * Updates {@code existingId} when given, else posts; an update that fails for any reason (typically 400
   * "Invalid message(s)" after the message was deleted) falls back to a new post, as upstream does, so a
   * transcript is always announced.
   *
   * @return the id of the message that now carries the content
   */
  public long postOrUpdate(Long existingId, String stream, String topic, String content) {
    if (existingId != null) {
      try {
        update(existingId, topic, content);
        return existingId;
      } catch (NotifyException e) {
        LOG.warn("Zulip update of message {} failed, posting a new message instead: {}", existingId, e.getMessage());
      }
    }
    return post(stream, topic, content);
  }

  @Override
  public String toString() {
    return "ZulipClient[" + realmUrl + "]";
  }

  private JsonNode call(String method, String path, Map<String, String> form) {
    String call = "Zulip " + method + " " + path;
    HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + path)).timeout(TIMEOUT)
        .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, HttpRequest.BodyPublishers.ofString(encode(form))).build();
    HttpResponse<String> response = send(call, request);
    JsonNode answer = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      String reason = answer.hasNonNull("msg") ? answer.get("msg").asText() : excerpt(response.body());
      throw new NotifyException(call + " answered " + response.statusCode() + ": " + reason, response.statusCode());
    }
    return answer;
  }

  private HttpResponse<String> send(String call, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new NotifyException(call + " failed: could not reach " + realmUrl.getHost() + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", 0, e);
    } catch (InterruptedException e) {
      // The engine interrupts a step on timeout or cancel: keep the flag so the step's runner sees it.
      Thread.currentThread().interrupt();
      throw new NotifyException(call + " interrupted", 0, e);
    }
  }

  /** Zulip answers JSON even for errors; anything else (a proxy's HTML page) becomes an empty object. */
  private static JsonNode parse(String body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null || !node.isObject() ? MAPPER.createObjectNode() : node;
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream().map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Zulip message " + what + " is missing");
    }
    return value;
  }

  private static String excerpt(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }
}
