package dev.cairn;

import dev.cairn.internal.validate.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An external event to push ({@link Runs#push}): a key, a payload, and optionally an id that deduplicates a
 * redelivery (a second push of the same key and id starts nothing new and wakes no one again) and metadata event
 * triggers can filter on. Checked when built. Immutable and thread-safe.
 */
public final class EventPush {
  /** Longest event key and event id, in characters. */
  public static final int MAX_KEY_LENGTH = 255;
  /** Most metadata entries: the runs an event starts carry two more, {@value #EVENT_KEY} and {@value #EVENT_ID}. */
  public static final int MAX_METADATA_ENTRIES = 62;
  /** The metadata key holding the key of the event that started a run (set by the engine). */
  public static final String EVENT_KEY = "cairn.event_key";
  /** The metadata key holding the id of the event that started a run (set by the engine). */
  public static final String EVENT_ID = "cairn.event_id";

  private final String key;
  private final Object payload;
  private final String eventId;
  private final Map<String, String> metadata;

  private EventPush(Builder builder) {
    this.key = builder.key;
    this.payload = builder.payload;
    this.eventId = builder.eventId;
    this.metadata = Map.copyOf(builder.metadata);
  }

  /** @param key the event's key: 1..{@value #MAX_KEY_LENGTH} characters, no control characters */
  public static Builder builder(String key) {
    return new Builder(key);
  }

  public String key() {
    return key;
  }

  /** Any value the engine or client encodes as JSON, or null. */
  public Object payload() {
    return payload;
  }

  /** The pusher's id of the event, or null (the engine then gives it a random one). */
  public String eventId() {
    return eventId;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /** Builds an {@link EventPush}. Not thread-safe. */
  public static final class Builder {
    private final String key;
    private Object payload;
    private String eventId;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder(String key) {
      this.key = Text.name("key", key, MAX_KEY_LENGTH);
    }

    public Builder payload(Object payload) {
      this.payload = payload;
      return this;
    }

    /** @throws IllegalArgumentException unless null or 1..{@value #MAX_KEY_LENGTH} characters without controls */
    public Builder eventId(String id) {
      this.eventId = id == null ? null : Text.name("eventId", id, MAX_KEY_LENGTH);
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "metadata key"), Objects.requireNonNull(value, "metadata value"));
      return this;
    }

    public Builder metadata(Map<String, String> values) {
      values.forEach(this::metadata);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the metadata entry that cannot be stored, more than
     *     {@value #MAX_METADATA_ENTRIES} entries, or a key the engine sets itself
     */
    public EventPush build() {
      Text.metadata("metadata", metadata);
      if (metadata.size() > MAX_METADATA_ENTRIES) {
        throw new IllegalArgumentException("metadata has " + metadata.size() + " entries; at most "
            + MAX_METADATA_ENTRIES + " are allowed (the runs an event starts carry " + EVENT_KEY + " and " + EVENT_ID
            + " besides)");
      }
      for (String key : metadata.keySet()) {
        if (key.equals(EVENT_KEY) || key.equals(EVENT_ID)) {
          throw new IllegalArgumentException("metadata key " + key + " is set by the engine itself");
        }
      }
      return new EventPush(this);
    }
  }
}
