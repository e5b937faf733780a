package dev.cairn.pipeline.notify;

import java.net.URI;

/**
 * Renders the Zulip announcement of a transcript, byte for byte upstream's layout (§8.2, {@code zulip.py}): a
 * header, the summary in a collapsed {@code spoiler} block, the topics in another, and a closing rule.
 *
 * <p>Every topic line starts with {@code 1.}, as upstream writes it: Markdown numbers the list itself. Stateless
 * and thread-safe.
 */
public final class ZulipMessage {
  private ZulipMessage() {}

  /** The message's Markdown. */
  public static String render(ZulipReport report) {
    String base = report.uiBaseUrl().replaceAll("/+$", "");
    String link = base + "/transcripts/" + report.transcriptId();
    StringBuilder text = new StringBuilder()
        .append("# Reflector – ").append(orElse(report.title(), "Unnamed recording")).append("\n\n")
        .append("**Date**: <time:").append(report.createdAt()).append(">\n")
        .append("**Link**: [").append(host(link)).append("](").append(link).append(")\n")
        .append("**Duration**: ").append(clock((long) (report.durationMs() / 1000))).append("\n\n")
        .append("```spoiler Summary\n").append(orElse(report.longSummary(), "No summary available"))
        .append("\n```\n\n");
    if (!report.topics().isEmpty()) {
      text.append("```spoiler Topics\n");
      for (ZulipReport.TopicLine topic : report.topics()) {
        text.append("1. [").append(clock((long) topic.timestampSeconds())).append("] ").append(topic.title())
            .append('\n');
      }
      text.append("```\n\n");
    }
    return text.append("-----\n").toString();
  }

  /**
   * {@code H:MM:SS}, and {@code MM:SS} below an hour (Python's timedelta text with its {@code 0:} cut off). Past
   * a day the hours simply keep counting where Python would write "1 day, ".
   */
  static String clock(long totalSeconds) {
    long hours = totalSeconds / 3600;
    String minutesSeconds = String.format("%02d:%02d", (totalSeconds % 3600) / 60, totalSeconds % 60);
    return hours == 0 ? minutesSeconds : hours + ":" + minutesSeconds;
  }

  /** The link text is the UI's host and port, as Python's {@code urlparse(url).netloc}. */
  private static String host(String url) {
    try {
      String authority = URI.create(url).getRawAuthority();
      return authority == null ? url : authority.substring(authority.lastIndexOf('@') + 1);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Zulip report uiBaseUrl is not a URL: " + url, e);
    }
  }

  private static String orElse(String text, String fallback) {
    return text == null || text.isBlank() ? fallback : text;
  }
}
