package dev.cairn.pipeline.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenAI-compatible {@code /v1/chat/completions} endpoint: sends a system and a user message, returns the
 * trimmed {@code choices[0].message.content}. Connection failures, 429 and 5xx answers are retried with doubling
 * backoff; other 4xx answers fail at once. Thread-safe (the JDK client is).
 */
final class ChatClient {
  private static final Logger LOG = LoggerFactory.getLogger(ChatClient.class);
  private static final int ERROR_BODY_CHARS = 300;

  private final ObjectMapper json;
  private final HttpClient http;
  private final URI completionsUrl;
  private final String apiKey;
  private final String model;
  private final Duration requestTimeout;
  private final int networkRetries;
  private final Duration retryBackoff;

  ChatClient(ObjectMapper json, URI completionsUrl, String apiKey, String model, Duration requestTimeout,
      int networkRetries, Duration retryBackoff) {
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.completionsUrl = completionsUrl;
    this.apiKey = apiKey;
    this.model = model;
    this.requestTimeout = requestTimeout;
    this.networkRetries = networkRetries;
    this.retryBackoff = retryBackoff;
  }

  /**
   * One completion. {@code responseFormat} (nullable) is sent as {@code response_format}. No {@code max_tokens} is
   * sent: upstream dropped it because truncated JSON answers were worse than long ones.
   */
  String complete(String system, String user, double temperature, ObjectNode responseFormat) {
    ObjectNode body = json.createObjectNode().put("model", model).put("temperature", temperature);
    body.putArray("messages")
        .add(json.createObjectNode().put("role", "system").put("content", system))
        .add(json.createObjectNode().put("role", "user").put("content", user));
    if (responseFormat != null) {
      body.set("response_format", responseFormat);
    }
    return content(send(body.toString()));
  }

  private String send(String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(completionsUrl)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    for (int attempt = 0; ; attempt++) {
      String failure;
      Throwable cause = null;
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return response.body();
        }
        failure = "LLM at " + completionsUrl + " answered HTTP " + status + ": " + snippet(response.body());
        if (status != 429 && status / 100 == 4) {
          throw new SummaryException(failure);
        }
      } catch (IOException e) {
        failure = "LLM at " + completionsUrl + " could not be reached: " + e;
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SummaryException("interrupted while calling the LLM at " + completionsUrl, e);
      }
      if (attempt >= networkRetries) {
        throw new SummaryException(failure + " (after " + (attempt + 1) + " attempts)", cause);
      }
      LOG.warn("{}; retrying ({} of {})", failure, attempt + 1, networkRetries);
      pause(retryBackoff.multipliedBy(1L << Math.min(attempt, 10)));
    }
  }

  private void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SummaryException("interrupted while waiting to retry the LLM at " + completionsUrl, e);
    }
  }

  private String content(String responseBody) {
    JsonNode content;
    try {
      content = json.readTree(responseBody).path("choices").path(0).path("message").path("content");
    } catch (JsonProcessingException e) {
      throw new SummaryException("LLM at " + completionsUrl + " answered something that is not JSON: "
          + snippet(responseBody));
    }
    if (!content.isTextual()) {
      throw new SummaryException("LLM at " + completionsUrl + " answered without choices[0].message.content: "
          + snippet(responseBody));
    }
    return content.asText().strip();
  }

  /** The start of an error body for messages; the API key is masked in case a server echoes it back. */
  private String snippet(String body) {
    String text = body == null ? "" : body.strip();
    if (apiKey != null && !apiKey.isEmpty()) {
      text = text.replace(apiKey, "***");
    }
    return text.length() <= ERROR_BODY_CHARS ? text : text.substring(0, ERROR_BODY_CHARS) + "...";
  }
}
