package dev.cairn.db;

import java.time.Instant;

/** Units a rate key started at an instant (within its current period). */
public record RateUse(long keyId, Instant at, int units) {}
