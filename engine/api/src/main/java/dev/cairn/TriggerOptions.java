package dev.cairn;

import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of one trigger: metadata, idempotency key, priority, and a start time for a delayed run. Checked when
 * built, so every instance can be stored. Immutable and thread-safe.
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
  /** Longest delay of a delayed run (ten years). */
  public static final Duration MAX_DELAY = Ranges.MAX_WAIT;

  private final Map<String, String> metadata;
  private final String idempotencyKey;
  private final int priority;
  private final Instant runAt;
  private final Duration delay;
  private final Duration timeout;

  private TriggerOptions(Builder builder) {
    this.metadata = Map.copyOf(builder.metadata);
    this.idempotencyKey = builder.idempotencyKey;
    this.priority = builder.priority;
    this.runAt = builder.runAt;
    this.delay = builder.delay;
    this.timeout = builder.timeout;
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

  /**
   * The instant a delayed run becomes due, or null. The engine refuses an instant before its own clock's now; see
   * {@link Builder#runAt}.
   */
  public Instant runAt() {
    return runAt;
  }

  /** How long after the trigger a delayed run becomes due, or null; see {@link Builder#delay}. */
  public Duration delay() {
    return delay;
  }

  /** The run's deadline, from when it starts being due; null: the workflow's own ({@link Workflow#timeout()}). */
  public Duration timeout() {
    return timeout;
  }

  /** Builds {@link TriggerOptions}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String idempotencyKey;
    private int priority = DEFAULT_PRIORITY;
    private Instant runAt;
    private Duration delay;
    private Duration timeout;

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

    /**
     * Delays the run until {@code at} (by the engine's clock): the run exists at once (listed, cancellable, QUEUED
     * with {@link RunView#startAt()}), holds no slot and no concurrency key while it waits, and starts when due.
     * Null clears it. Replaces a {@link #delay}.
     *
     * @throws IllegalArgumentException outside {@code 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999999Z};
     *     the engine also refuses an instant before its now when the run is triggered
     */
    public Builder runAt(Instant at) {
      this.runAt = at == null ? null : Ranges.instant("runAt", at);
      this.delay = null;
      return this;
    }

    /**
     * Delays the run by {@code delay} from the moment the engine triggers it; see {@link #runAt}. Null clears it.
     * Replaces a {@link #runAt}.
     *
     * @throws IllegalArgumentException if negative or longer than {@link #MAX_DELAY}
     */
    public Builder delay(Duration delay) {
      this.delay = delay == null ? null : Ranges.between("delay", delay, Duration.ZERO, MAX_DELAY);
      this.runAt = null;
      return this;
    }

    /**
     * A deadline for the whole run: if it is not final this long after it became due (triggered, or its
     * {@link #runAt} / {@link #delay}), it is cancelled with a reason naming the deadline. Overrides
     * {@link Workflow#timeout()}; null clears it.
     *
     * @throws IllegalArgumentException unless 1 ms .. {@link #MAX_DELAY}
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout == null ? null : Ranges.between("timeout", timeout, Duration.ofMillis(1), MAX_DELAY);
      return this;
    }

    /** @throws IllegalArgumentException naming the metadata entry that cannot be stored */
    public TriggerOptions build() {
      Text.metadata("metadata", metadata);
      return new TriggerOptions(this);
    }
  }
}
