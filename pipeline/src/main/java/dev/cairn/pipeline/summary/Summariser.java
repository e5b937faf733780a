package dev.cairn.pipeline.summary;

import java.util.List;

/** Everything the pipeline asks a language model (upstream §6), behind one interface. */
public interface Summariser {
  /** The main topic of one ~300-word chunk: a cleaned title and at most two sentences of summary. */
  TopicSummary topic(String chunkText);

  /** A meeting title from the topic titles, passed through {@link Titles#clean}. */
  String title(List<String> topicTitles);

  /** Short summary (recap), long summary markdown and action items for the whole meeting. */
  MeetingSummary summarise(SummaryRequest request);

  /** A line for logs and the demo's report, e.g. "extractive summariser (no LLM)". */
  String describe();
}
