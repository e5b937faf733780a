package dev.cairn.pipeline.summary;

/** One chunk's topic: title already cleaned with {@link Titles#clean}. */
public record TopicSummary(String title, String summary) {}
