package dev.cairn.db;

import java.util.UUID;

/** A final status for a run; {@code error} is null on success. */
public record RunFinish(UUID id, String status, String error) {}
