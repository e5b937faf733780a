package dev.cairn.internal.execution;

import java.time.Instant;

/**
 * A durable operation as first recorded for a step (by number), whichever invocation of the step asks: what it was
 * ({@code kind}, {@code signature}, compared on replay), when a sleep or a wait ends, since when a wait looks for
 * pushed events, its result once known, and the engine's time when the record was read, so a caller judges
 * "is the wake time past" by the engine's clock, not its own.
 *
 * @param resultJson the recorded result (children's outputs, the received event), null while there is none
 */
public record OperationRecord(String kind, String signature, Instant wakeAt, Instant since, String resultJson,
    Instant now) {}
