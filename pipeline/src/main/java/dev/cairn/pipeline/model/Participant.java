package dev.cairn.pipeline.model;

/** A meeting participant as stored with the transcript: Daily's participant id, speaker index, name, user id. */
public record Participant(String id, int speaker, String name, String userId) {}
