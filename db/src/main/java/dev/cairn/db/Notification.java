package dev.cairn.db;

/** A PostgreSQL notification to send when the transaction commits. */
public record Notification(String channel, String payload) {}
