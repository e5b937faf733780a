package dev.cairn;

import dev.cairn.internal.validate.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of one trigger: metadata, idempotency key and priority. Checked when built, so every instance can be
 * stored. Immutable and thread-safe.
 */
public final class TriggerOptions {
  /** No metadata, no idempotency key, priority {@value #DEFAULT_PRIORITY}. */
  public static final TriggerOptions NONE = builder().build();
  /** Default priority; higher runs first. */
  public static final int DEFAULT_PRIORITY = 0;
  /** Longest idempotency key accepted, in characters. */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
  /** Longest metadata key, in characters. */
  public static final int MAX_METADATA_KEY_LENGTH = Text.MAX_NAME;
  /** Longest metadata value, in characters. */
  public static final int MAX_METADATA_VALUE_LENGTH = Text.MAX_METADATA_VALUE;
  /** Most metadata entries. */
  public static final int MAX_METADATA_ENTRIES = Text.MAX_METADATA_ENTRIES;

  private final Map<String, String> metadata;
  private final String idempotencyKey;
  private final int priority;

  private TriggerOptions(Builder builder) {
    this.metadata = Map.copyOf(builder.metadata);
    this.idempotencyKey = builder.idempotencyKey;
    this.priority = builder.priority;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * String key/values stored with the run, for filtering and for steps to read: at most
   * {@value #MAX_METADATA_ENTRIES} entries, keys of 1..{@value #MAX_METADATA_KEY_LENGTH} characters, values of at
   * most {@value #MAX_METADATA_VALUE_LENGTH}, neither with control characters. Never null.
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Null for none; otherwise a second trigger of the same workflow with this key returns the first run. 1..
   * {@value #MAX_IDEMPOTENCY_KEY_LENGTH} characters, no control characters.
   */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** Higher priorities are dequeued first. */
  public int priority() {
    return priority;
  }

  /** Builds {@link TriggerOptions}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String idempotencyKey;
    private int priority = DEFAULT_PRIORITY;

    private Builder() {}

    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "metadata key"), Objects.requireNonNull(value, "metadata value"));
      return this;
    }

    public Builder metadata(Map<String, String> values) {
      values.forEach(this::metadata);
      return this;
    }

    /** @throws IllegalArgumentException unless null or an identifier (see {@link #idempotencyKey()}) */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key == null ? null : Text.name("idempotencyKey", key, MAX_IDEMPOTENCY_KEY_LENGTH);
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** @throws IllegalArgumentException naming the metadata entry that cannot be stored */
    public TriggerOptions build() {
      Text.metadata("metadata", metadata);
      return new TriggerOptions(this);
    }
  }
}
