package dev.cairn;

import java.time.Instant;

/**
 * A workflow started by pushed events: every event with {@code eventKey} whose document
 * {@code {"payload": ..., "metadata": {...}}} matches {@code filter} starts one run of {@code workflowName}, with the
 * payload as its input.
 *
 * @param filter null for none, else clauses {@code /json/pointer == <json value>} joined by {@code &&}, e.g.
 *     {@code /payload/type == "raw-tracks" && /metadata/tenant == "acme"}
 * @param declared declared by {@code @Workflow(onEvents = ...)}: the code owns it
 */
public record EventTrigger(String name, String eventKey, String workflowName, String filter, boolean declared,
    Instant createdAt) {}
