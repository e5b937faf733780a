package dev.cairn.db;

/**
 * What a worker's inventory row says about it from its registration on: who it is, where its stream is held, and
 * what it offered. JSON columns are text here ({@code labelsJson}: an object of strings; {@code definitionsJson}: an
 * array of {@code {"workflow", "fingerprint", "engine_fingerprint", "accepted"}}). Nullable: tokenId (a node's slots).
 *
 * @param kind "REMOTE" or "EMBEDDED"
 */
public record WorkerRegistration(String holder, String workerId, String kind, String tokenId, String nodeId,
    String sessionId, String host, String address, String version, String labelsJson, int slots,
    String definitionsJson) {}
