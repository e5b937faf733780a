package dev.cairn.pipeline.transcript;

import dev.cairn.pipeline.model.Word;
import java.util.List;
import java.util.UUID;

/**
 * A topic of a transcript (upstream {@code TranscriptTopic}): {@code timestamp} and {@code duration} in seconds,
 * {@code transcript} its words' text, {@code words} the words themselves.
 */
public record Topic(UUID id, String title, String summary, double timestamp, double duration, String transcript,
    List<Word> words) {}
