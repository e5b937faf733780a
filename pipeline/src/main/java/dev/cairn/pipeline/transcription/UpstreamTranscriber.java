package dev.cairn.pipeline.transcription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.pipeline.model.Word;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Reflector's own GPU transcription service (upstream §4.3): {@code POST {base}/v1/audio/transcriptions-from-url}
 * with {@code {"audio_file_url", "language", "batch": true}}; the service fetches the audio itself.
 *
 * <p>Word text is kept exactly as the service sends it (with its leading or trailing space) because transcript
 * text is built by plain concatenation. Thread-safe; the API key never appears in messages or {@link #describe()}.
 */
public final class UpstreamTranscriber implements Transcriber {
  /** Upstream's {@code TRANSCRIPT_FILE_TIMEOUT}: a long track on a cold GPU takes minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final URI baseUrl;
  private final String apiKey;
  private final Duration timeout;
  private final HttpClient http;
  private final String service;

  /** With the default 600 s timeout. */
  public UpstreamTranscriber(URI baseUrl, String apiKey) {
    this(baseUrl, apiKey, DEFAULT_TIMEOUT);
  }

  /**
   * @param baseUrl {@code TRANSCRIPT_URL}, e.g. {@code https://asr.example.com}
   * @param apiKey {@code TRANSCRIPT_MODAL_API_KEY}; null or blank sends no Authorization header
   * @param timeout how long one transcription may take, positive
   */
  public UpstreamTranscriber(URI baseUrl, String apiKey, Duration timeout) {
    this.baseUrl = ServiceCalls.baseUrl(baseUrl, "transcription service URL");
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("transcription timeout must be positive, got " + timeout);
    }
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.timeout = timeout;
    // Upstream follows redirects (the service may sit behind a gateway that redirects).
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT
        : timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.service = "transcription service at " + ServiceCalls.origin(this.baseUrl);
  }

  @Override
  public List<Word> transcribe(TranscriptionRequest request) {
    ServiceCalls.requireValid(request);
    HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/audio/transcriptions-from-url"))
        .timeout(timeout).header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(request)));
    if (apiKey != null) {
      http.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<byte[]> response =
        ServiceCalls.send(this.http, http.build(), HttpResponse.BodyHandlers.ofByteArray(), service);
    if (response.statusCode() / 100 != 2) {
      throw new TranscriptionException(service + " answered " + response.statusCode() + " for track "
          + request.trackIndex() + ": " + WordsAnswer.excerpt(response.body()));
    }
    return WordsAnswer.parse(service, response.body());
  }

  @Override
  public String describe() {
    return "upstream ASR at " + ServiceCalls.origin(baseUrl);
  }

  @Override
  public String toString() {
    return "UpstreamTranscriber[" + describe() + "]";
  }

  private static String body(TranscriptionRequest request) {
    ObjectNode body = WordsAnswer.MAPPER.createObjectNode();
    body.put("audio_file_url", ServiceCalls.audioUrl(request).toString());
    body.put("language", request.language());
    body.put("batch", true);
    try {
      return WordsAnswer.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON object of strings", e);
    }
  }
}
