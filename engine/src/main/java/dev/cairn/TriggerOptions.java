package dev.cairn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Options of one trigger: metadata, idempotency key and priority. Immutable and thread-safe. */
public final class TriggerOptions {
  /** No metadata, no idempotency key, priority {@value #DEFAULT_PRIORITY}. */
  public static final TriggerOptions NONE = builder().build();
  /** Default priority; higher runs first. */
  public static final int DEFAULT_PRIORITY = 0;
  /** Longest idempotency key accepted, in characters. */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

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

  /** String key/values stored with the run, for filtering and for steps to read. Never null. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Null for none; otherwise a second trigger of the same workflow with this key returns the first run. */
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

    public Builder idempotencyKey(String key) {
      if (key != null && (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
        throw new IllegalArgumentException(
            "idempotencyKey must be 1.." + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, got " + key.length());
      }
      this.idempotencyKey = key;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public TriggerOptions build() {
      return new TriggerOptions(this);
    }
  }
}
