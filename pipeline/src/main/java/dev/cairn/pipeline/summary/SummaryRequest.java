package dev.cairn.pipeline.summary;

import java.util.List;

/**
 * The meeting as the summariser sees it: the speaker transcript (one {@code "Name: text"} line per segment), the
 * participants' names (the model must use them), and the topics found so far.
 */
public record SummaryRequest(String speakerTranscript, List<String> participantNames, List<TopicSummary> topics) {}
