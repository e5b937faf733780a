package dev.cairn.pipeline.transcription;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the HTTP transcribers share: checking their settings, naming the service, and sending with clear errors. */
final class ServiceCalls {
  private ServiceCalls() {}

  /** The base URL without a trailing slash; it must be absolute http(s). */
  static URI baseUrl(URI url, String what) {
    if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new IllegalArgumentException(what + " must be an absolute http(s) URL, got " + url);
    }
    return URI.create(url.toString().replaceAll("/+$", ""));
  }

  /** {@code scheme://host:port} only: user info, path and query may carry credentials and stay out of messages. */
  static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler,
      String service) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new TranscriptionException(service + " unreachable: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      // The engine interrupts a step on timeout or cancel: keep the flag so the step's runner sees it.
      Thread.currentThread().interrupt();
      throw new TranscriptionException(service + " call interrupted", e);
    }
  }

  static void requireValid(TranscriptionRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("transcription request is missing");
    }
    if (request.language() == null || request.language().isBlank()) {
      throw new IllegalArgumentException("transcription request for track " + request.trackIndex()
          + " has no language");
    }
    if (request.audioUrl() == null) {
      throw new IllegalArgumentException("transcription request for track " + request.trackIndex()
          + " has no audio URL");
    }
  }

  static URI audioUrl(TranscriptionRequest request) {
    URI url = request.audioUrl().get();
    if (url == null) {
      throw new IllegalArgumentException("the audio URL for track " + request.trackIndex() + " is null");
    }
    return url;
  }
}
