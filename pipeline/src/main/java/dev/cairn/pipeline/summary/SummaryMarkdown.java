package dev.cairn.pipeline.summary;

import java.util.List;
import java.util.Objects;

/** The long-summary markdown of upstream {@code build_summary_markdown} (§6.5). Stateless and thread-safe. */
public final class SummaryMarkdown {
  private SummaryMarkdown() {}

  /**
   * {@code # Quick recap}, the recap, {@code # Summary}, then per subject a bold subject line, its paragraph and a
   * blank line. Lines end with {@code \n}.
   */
  public static String build(String recap, List<SubjectSummary> subjects) {
    Objects.requireNonNull(recap, "recap");
    Objects.requireNonNull(subjects, "subjects");
    StringBuilder markdown = new StringBuilder("# Quick recap\n\n").append(recap).append("\n\n# Summary\n\n");
    for (SubjectSummary subject : subjects) {
      markdown.append("**").append(subject.subject()).append("**\n").append(subject.paragraph()).append("\n\n");
    }
    return markdown.toString();
  }
}
