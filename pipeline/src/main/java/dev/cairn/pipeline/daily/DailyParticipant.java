package dev.cairn.pipeline.daily;

/** One participant of a Daily meeting session; {@code userId} and {@code userName} may be null. */
public record DailyParticipant(String participantId, String userId, String userName, long joinTime, long duration) {}
