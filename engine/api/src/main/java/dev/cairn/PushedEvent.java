package dev.cairn;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A pushed event as stored, with the runs its event triggers started.
 *
 * @param payloadJson the payload as JSON text ("null" for none)
 * @param redelivered true when this push found the event pushed before (same key and id): nothing new started
 */
public record PushedEvent(String key, String eventId, String payloadJson, Map<String, String> metadata,
    Instant pushedAt, List<UUID> runIds, boolean redelivered) {

  public PushedEvent {
    metadata = Map.copyOf(metadata);
    runIds = List.copyOf(runIds);
  }
}
