package dev.cairn;

import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Filters and paging of {@link Cairn#listRuns}. Every filter is optional; each is checked when set or built, so a
 * query that builds can be run. Immutable and thread-safe.
 */
public final class RunQuery {
  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int MAX_PAGE_SIZE = 1000;
  /** Longest page token accepted (the engine's own are about 80 characters). */
  public static final int MAX_PAGE_TOKEN_LENGTH = 200;

  private final String workflowName;
  private final Set<RunStatus> statuses;
  private final Map<String, String> metadata;
  private final Instant createdFrom;
  private final Instant createdTo;
  private final int pageSize;
  private final String pageToken;

  private RunQuery(Builder builder) {
    this.workflowName = builder.workflowName;
    this.statuses = builder.statuses.isEmpty() ? Set.of() : Set.copyOf(builder.statuses);
    this.metadata = Map.copyOf(builder.metadata);
    this.createdFrom = builder.createdFrom;
    this.createdTo = builder.createdTo;
    this.pageSize = builder.pageSize;
    this.pageToken = builder.pageToken;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Null for any workflow. */
  public String workflowName() {
    return workflowName;
  }

  /** Empty for any status. */
  public Set<RunStatus> statuses() {
    return statuses;
  }

  /** Key/values every listed run's metadata contains. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Inclusive lower bound of the creation time, or null. */
  public Instant createdFrom() {
    return createdFrom;
  }

  /** Exclusive upper bound of the creation time, or null. */
  public Instant createdTo() {
    return createdTo;
  }

  public int pageSize() {
    return pageSize;
  }

  /** Null for the first page. */
  public String pageToken() {
    return pageToken;
  }

  /** Builds a {@link RunQuery}. Not thread-safe. */
  public static final class Builder {
    private String workflowName;
    private final EnumSet<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Instant createdFrom;
    private Instant createdTo;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private String pageToken;

    private Builder() {}

    /** Only runs of this workflow; null for any. @throws IllegalArgumentException unless null or a name */
    public Builder workflow(String name) {
      this.workflowName = name == null ? null : Text.name("workflowName", name);
      return this;
    }

    public Builder status(RunStatus... wanted) {
      statuses.addAll(List.of(wanted));
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "metadata key"), Objects.requireNonNull(value, "metadata value"));
      return this;
    }

    /**
     * Adds every entry of {@code values} to the metadata filter (checked at {@link #build()} as
     * {@link TriggerOptions#metadata()} is).
     */
    public Builder metadata(Map<String, String> values) {
      values.forEach(this::metadata);
      return this;
    }

    /** Inclusive lower bound of the creation time; null for none; otherwise within years 1..9999. */
    public Builder createdFrom(Instant from) {
      this.createdFrom = from == null ? null : Ranges.instant("createdFrom", from);
      return this;
    }

    /** Exclusive upper bound of the creation time; null for none; otherwise within years 1..9999. */
    public Builder createdTo(Instant to) {
      this.createdTo = to == null ? null : Ranges.instant("createdTo", to);
      return this;
    }

    /** Runs per page, 1..{@value #MAX_PAGE_SIZE}; default {@value #DEFAULT_PAGE_SIZE}. */
    public Builder pageSize(int size) {
      if (size < 1 || size > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", got " + size);
      }
      this.pageSize = size;
      return this;
    }

    /**
     * The page after the one that returned this {@link RunPage#nextPageToken()}; null for the first page.
     *
     * @throws IllegalArgumentException if it is longer than {@value #MAX_PAGE_TOKEN_LENGTH} characters or holds
     *     control characters (a token from another source is refused when the query runs)
     */
    public Builder pageToken(String token) {
      this.pageToken = token == null ? null : Text.name("pageToken", token, MAX_PAGE_TOKEN_LENGTH);
      return this;
    }

    /** @throws IllegalArgumentException naming the filter that cannot be run */
    public RunQuery build() {
      Text.metadata("metadata", metadata);
      if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
        throw new IllegalArgumentException("createdFrom " + createdFrom + " is not before createdTo " + createdTo);
      }
      return new RunQuery(this);
    }
  }
}
