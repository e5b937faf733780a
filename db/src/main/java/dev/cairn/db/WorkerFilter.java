package dev.cairn.db;

/**
 * A page of the worker inventory. Nullable: workflowName (any), afterWorkerId and afterHolder (the first page).
 *
 * @param labelsJson a JSON object of labels every listed worker carries ({@code {}}: any)
 */
public record WorkerFilter(String workflowName, String labelsJson, boolean connectedOnly, String afterWorkerId,
    String afterHolder, int limit) {}
