package dev.cairn.pipeline.summary;

/** {@code shortSummary} is the recap; {@code longSummary} the markdown of upstream §6.5. */
public record MeetingSummary(String shortSummary, String longSummary, ActionItems actionItems) {}
