package dev.cairn.db;

import java.util.UUID;

/**
 * A queued step waiting without a reason shown: the key it queues behind (null fields for an ungated step) with
 * that key's limit and what it has in use (holders of a concurrency key, units started within the period of a rate
 * key), and its required-label signature.
 */
public record BlockedStep(long id, UUID runId, int attempt, String labelSig, String kind, String rule, String key,
    Integer maxUnits, Long periodMs, Integer inFlight) {}
