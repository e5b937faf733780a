package dev.cairn.pipeline.notify;

import java.time.Instant;
import java.util.List;

/**
 * What the Zulip message says about a transcript (upstream §8.2).
 *
 * @param transcriptId required; used in the link
 * @param title may be null or blank ("Unnamed recording")
 * @param createdAt required
 * @param uiBaseUrl the web UI root, e.g. {@code https://reflector.example.com}; required
 * @param durationMs meeting length in milliseconds, not negative
 * @param longSummary may be null or blank ("No summary available")
 * @param topics in order; empty for none
 */
public record ZulipReport(String transcriptId, String title, Instant createdAt, String uiBaseUrl,
    double durationMs, String longSummary, List<TopicLine> topics) {

  /** One topic: its title and where it starts, in seconds from the meeting's start (not negative). */
  public record TopicLine(String title, double timestampSeconds) {
    public TopicLine {
      if (title == null) {
        throw new IllegalArgumentException("Zulip topic title is missing");
      }
      if (!(timestampSeconds >= 0) || Double.isInfinite(timestampSeconds)) {
        throw new IllegalArgumentException("Zulip topic \"" + title + "\" has a bad timestamp " + timestampSeconds);
      }
    }
  }

  public ZulipReport {
    if (transcriptId == null || transcriptId.isBlank()) {
      throw new IllegalArgumentException("Zulip report transcriptId is missing");
    }
    if (createdAt == null) {
      throw new IllegalArgumentException("Zulip report createdAt is missing");
    }
    if (uiBaseUrl == null || uiBaseUrl.isBlank()) {
      throw new IllegalArgumentException("Zulip report uiBaseUrl is missing");
    }
    if (!(durationMs >= 0) || Double.isInfinite(durationMs)) {
      throw new IllegalArgumentException("Zulip report durationMs must be a non-negative number, got " + durationMs);
    }
    topics = topics == null ? List.of() : List.copyOf(topics);
  }
}
