package dev.cairn.db;

import java.time.Instant;

/** A recorded durable operation of a step, as read back, with the database's clock at the time of reading. */
public record StepOp(String kind, String signature, Instant wakeAt, Instant since, String resultJson, Instant dbNow) {}
