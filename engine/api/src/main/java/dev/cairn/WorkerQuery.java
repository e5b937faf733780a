package dev.cairn;

import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Filters and paging of {@link Workers#list}. Every filter is optional and checked when set or built. Immutable and
 * thread-safe.
 */
public final class WorkerQuery {
  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 1000;
  /** Longest page token accepted (the engine's hold a worker id and a lease holder). */
  public static final int MAX_PAGE_TOKEN_LENGTH = 1000;

  private final String workflowName;
  private final Map<String, String> labels;
  private final boolean connectedOnly;
  private final int pageSize;
  private final String pageToken;

  private WorkerQuery(Builder builder) {
    this.workflowName = builder.workflowName;
    this.labels = Map.copyOf(builder.labels);
    this.connectedOnly = builder.connectedOnly;
    this.pageSize = builder.pageSize;
    this.pageToken = builder.pageToken;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Only workers offering this workflow (accepted or refused); null for any. */
  public String workflowName() {
    return workflowName;
  }

  /** Labels every listed worker carries; empty for any. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Whether gone and stale workers are left out. */
  public boolean connectedOnly() {
    return connectedOnly;
  }

  public int pageSize() {
    return pageSize;
  }

  /** Null for the first page. */
  public String pageToken() {
    return pageToken;
  }

  /** Builds a {@link WorkerQuery}. Not thread-safe. */
  public static final class Builder {
    private String workflowName;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private boolean connectedOnly;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private String pageToken;

    private Builder() {}

    /** Only workers offering this workflow; null for any. @throws IllegalArgumentException unless null or a name */
    public Builder workflow(String name) {
      this.workflowName = name == null ? null : Text.name("workflowName", name);
      return this;
    }

    /** Only workers carrying this label (checked at {@link #build()} as metadata is). */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "label key"), Objects.requireNonNull(value, "label value"));
      return this;
    }

    /** Leave out workers gone or stale. Default: false (they are listed with when they went). */
    public Builder connectedOnly(boolean only) {
      this.connectedOnly = only;
      return this;
    }

    /** Workers per page, 1..{@value #MAX_PAGE_SIZE}; default {@value #DEFAULT_PAGE_SIZE}. */
    public Builder pageSize(int size) {
      this.pageSize = (int) Ranges.between("pageSize", size, 1, MAX_PAGE_SIZE);
      return this;
    }

    /**
     * The page after the one that returned this {@link WorkerPage#nextPageToken()}; null for the first page.
     *
     * @throws IllegalArgumentException if it is longer than {@value #MAX_PAGE_TOKEN_LENGTH} characters or holds
     *     control characters (a token from another source is refused when the query runs)
     */
    public Builder pageToken(String token) {
      this.pageToken = token == null ? null : Text.name("pageToken", token, MAX_PAGE_TOKEN_LENGTH);
      return this;
    }

    /** @throws IllegalArgumentException naming the filter that cannot be run */
    public WorkerQuery build() {
      Text.metadata("labels", labels);
      return new WorkerQuery(this);
    }
  }
}
