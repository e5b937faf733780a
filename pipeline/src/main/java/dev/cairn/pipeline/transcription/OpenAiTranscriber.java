package dev.cairn.pipeline.transcription;

import dev.cairn.pipeline.model.Word;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An OpenAI-compatible {@code POST {base}/v1/audio/transcriptions} (OpenAI, or a local whisper server speaking the
 * same API). That API takes the audio itself rather than a URL, so the track is first downloaded from the
 * presigned URL into a temporary file (deleted afterwards) and streamed up as multipart/form-data, asking for
 * {@code verbose_json} with word timestamps.
 *
 * <p>OpenAI's words carry no whitespace, unlike Whisper's own tokens (leading space) that the rest of the pipeline
 * concatenates; a word not starting with whitespace therefore gets one leading space. Thread-safe; the key never
 * appears in messages or {@link #describe()}.
 */
public final class OpenAiTranscriber implements Transcriber {
  /** OpenAI's hosted Whisper. */
  public static final String DEFAULT_MODEL = "whisper-1";
  /** Same budget as the upstream service: a long track can take minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final URI baseUrl;
  private final String apiKey;
  private final String model;
  private final Duration timeout;
  private final HttpClient http;
  private final String service;

  /** With model {@value #DEFAULT_MODEL} and the default 600 s timeout. */
  public OpenAiTranscriber(URI baseUrl, String apiKey) {
    this(baseUrl, apiKey, DEFAULT_MODEL, DEFAULT_TIMEOUT);
  }

  /**
   * @param baseUrl e.g. {@code https://api.openai.com} (without {@code /v1})
   * @param apiKey required
   * @param model e.g. {@code whisper-1}; required
   * @param timeout for the download and for the transcription call each, positive
   */
  public OpenAiTranscriber(URI baseUrl, String apiKey, String model, Duration timeout) {
    this.baseUrl = ServiceCalls.baseUrl(baseUrl, "OpenAI transcription URL");
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("OpenAI transcription API key is not set");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("OpenAI transcription model is not set");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("transcription timeout must be positive, got " + timeout);
    }
    this.apiKey = apiKey;
    this.model = model;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT
        : timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.service = "OpenAI transcription at " + ServiceCalls.origin(this.baseUrl);
  }

  @Override
  public List<Word> transcribe(TranscriptionRequest request) {
    ServiceCalls.requireValid(request);
    Path audio = createTempFile();
    try {
      download(ServiceCalls.audioUrl(request), audio, request.trackIndex());
      return upload(audio, request).stream().map(OpenAiTranscriber::spaced).toList();
    } finally {
      try {
        Files.deleteIfExists(audio);
      } catch (IOException e) {
        // Leaving a temp file behind is not worth failing a finished transcription for.
      }
    }
  }

  @Override
  public String describe() {
    return "OpenAI-compatible ASR (" + model + ") at " + ServiceCalls.origin(baseUrl);
  }

  @Override
  public String toString() {
    return "OpenAiTranscriber[" + describe() + "]";
  }

  /** The presigned URL holds a signature, so messages name only its host. */
  private void download(URI url, Path target, int trackIndex) {
    String source = "audio download from " + ServiceCalls.origin(url);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    HttpResponse<Path> response = ServiceCalls.send(http, request, HttpResponse.BodyHandlers.ofFile(target), source);
    if (response.statusCode() / 100 != 2) {
      throw new TranscriptionException(source + " for track " + trackIndex + " answered " + response.statusCode());
    }
  }

  private List<Word> upload(Path audio, TranscriptionRequest request) {
    MultipartBody body = new MultipartBody().field("model", model).field("language", request.language())
        .field("response_format", "verbose_json").field("timestamp_granularities[]", "word");
    HttpRequest httpRequest;
    try {
      httpRequest = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/audio/transcriptions")).timeout(timeout)
          .header("Authorization", "Bearer " + apiKey).header("Content-Type", body.contentType())
          .header("Accept", "application/json")
          .POST(body.publisher("file", "audio.webm", "audio/webm", audio)).build();
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("downloaded audio vanished: " + audio, e);
    }
    HttpResponse<byte[]> response =
        ServiceCalls.send(http, httpRequest, HttpResponse.BodyHandlers.ofByteArray(), service);
    if (response.statusCode() / 100 != 2) {
      throw new TranscriptionException(service + " answered " + response.statusCode() + " for track "
          + request.trackIndex() + ": " + WordsAnswer.excerpt(response.body()));
    }
    return WordsAnswer.parse(service, response.body());
  }

  private static Word spaced(Word word) {
    boolean hasSpace = !word.text().isEmpty() && Character.isWhitespace(word.text().charAt(0));
    return hasSpace ? word : new Word(" " + word.text(), word.start(), word.end(), word.speaker());
  }

  private static Path createTempFile() {
    try {
      return Files.createTempFile("cairn-asr-", ".webm");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for the audio", e);
    }
  }
}
