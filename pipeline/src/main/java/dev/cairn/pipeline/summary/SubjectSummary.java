package dev.cairn.pipeline.summary;

import java.util.Objects;

/** One subject of the long summary (upstream §6.4): its short noun-phrase name and a one-paragraph summary. */
public record SubjectSummary(String subject, String paragraph) {
  public SubjectSummary {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(paragraph, "paragraph");
  }
}
