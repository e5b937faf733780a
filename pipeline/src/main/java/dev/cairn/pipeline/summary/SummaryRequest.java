package dev.cairn.pipeline.summary;

import dev.cairn.pipeline.model.Participant;
import java.util.List;

/**
 * The meeting as the summariser sees it: the speaker transcript (one {@code "Name: text"} line per segment), the
 * participants (the model must use their names; action items get their ids when a name matches exactly), and the
 * topics found so far.
 */
public record SummaryRequest(String speakerTranscript, List<Participant> participants, List<TopicSummary> topics) {}
