package dev.cairn.db;

import java.util.UUID;

/** A run and the last sequence number of its event log. */
public record RunCursor(UUID id, long lastEventSeq) {}
