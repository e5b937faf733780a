package dev.cairn;

import dev.cairn.internal.validate.Text;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a cron schedule does: start a run of a workflow at every tick of a cron expression read in a time zone. Every
 * tick starts exactly one run however many engine nodes run (the tick's identity is the run's idempotency key);
 * its runs carry the metadata {@value #SCHEDULE_KEY} (the schedule's name) and {@value #TICK_KEY} (the tick, ISO-8601).
 * Checked when built, except the expression, which the engine parses (five fields, Unix cron: minute, hour, day of
 * month, month, day of week). Immutable and thread-safe.
 *
 * <pre>{@code
 * cairn.schedules().create(ScheduleSpec.builder("nightly-reprocess", "reprocess-failed")
 *     .cron("0 5 * * *").timeZone("America/New_York").build());
 * }</pre>
 */
public final class ScheduleSpec {
  /** Longest schedule name, in characters. */
  /** As long as a workflow name: a schedule declared by {@code @Workflow(cron)} is named after its workflow. */
  public static final int MAX_NAME_LENGTH = 200;
  /** Longest cron expression, in characters. */
  public static final int MAX_CRON_LENGTH = 200;
  /** Most metadata entries: each run carries two more, {@value #SCHEDULE_KEY} and {@value #TICK_KEY}. */
  public static final int MAX_METADATA_ENTRIES = 62;
  /** The metadata key naming the schedule that started a run. */
  public static final String SCHEDULE_KEY = "cairn.schedule";
  /** The metadata key holding the tick (ISO-8601 instant) that started a run. */
  public static final String TICK_KEY = "cairn.tick";

  /** What happens to ticks that passed while no node could run them (every node down, or the schedule paused). */
  public enum MissedTicks {
    /** Ticks more than a minute late start nothing; the schedule goes on from the next one. */
    SKIP,
    /** Only the latest missed tick starts a run (the default). */
    LATEST,
    /** Every missed tick starts its run, oldest first. */
    ALL
  }

  /** What a tick does while the previous run the schedule started is unfinished. */
  public enum Overlap {
    /** Start the new run anyway (the default). */
    ALLOW,
    /** Start nothing for this tick (counted in {@link ScheduleView#skippedTicks()}). */
    SKIP,
    /** Cancel the previous run (its reason names the tick) and start the new one. */
    CANCEL_PREVIOUS
  }

  private final String name;
  private final String workflowName;
  private final String cron;
  private final ZoneId timeZone;
  private final Object input;
  private final Map<String, String> metadata;
  private final int priority;
  private final MissedTicks missedTicks;
  private final Overlap overlap;

  private ScheduleSpec(Builder builder) {
    this.name = builder.name;
    this.workflowName = builder.workflowName;
    this.cron = builder.cron;
    this.timeZone = builder.timeZone;
    this.input = builder.input;
    this.metadata = Map.copyOf(builder.metadata);
    this.priority = builder.priority;
    this.missedTicks = builder.missedTicks;
    this.overlap = builder.overlap;
  }

  /**
   * @param name the schedule's name: 1..{@value #MAX_NAME_LENGTH} characters, no control characters
   * @param workflowName the workflow each tick starts
   */
  public static Builder builder(String name, String workflowName) {
    return new Builder(name, workflowName);
  }

  public String name() {
    return name;
  }

  public String workflowName() {
    return workflowName;
  }

  /** The cron expression, as given. */
  public String cron() {
    return cron;
  }

  /** The zone the expression is read in (default UTC); daylight-saving changes follow the zone's rules. */
  public ZoneId timeZone() {
    return timeZone;
  }

  /** The input every run starts with (encoded by the engine or client), or null. */
  public Object input() {
    return input;
  }

  /** Metadata every run carries, beside {@value #SCHEDULE_KEY} and {@value #TICK_KEY}. */
  public Map<String, String> metadata() {
    return metadata;
  }

  public int priority() {
    return priority;
  }

  public MissedTicks missedTicks() {
    return missedTicks;
  }

  public Overlap overlap() {
    return overlap;
  }

  /** Builds a {@link ScheduleSpec}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String workflowName;
    private String cron;
    private ZoneId timeZone = ZoneId.of("UTC");
    private Object input;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int priority = TriggerOptions.DEFAULT_PRIORITY;
    private MissedTicks missedTicks = MissedTicks.LATEST;
    private Overlap overlap = Overlap.ALLOW;

    private Builder(String name, String workflowName) {
      this.name = Text.name("name", name, MAX_NAME_LENGTH);
      this.workflowName = Text.name("workflowName", workflowName);
    }

    /** Required: a five-field Unix cron expression ("0 5 * * *": 05:00 every day). */
    public Builder cron(String expression) {
      this.cron = Text.name("cron", expression, MAX_CRON_LENGTH);
      return this;
    }

    /** @throws IllegalArgumentException naming the zone unless it is a known IANA zone id (or an offset) */
    public Builder timeZone(String zone) {
      String checked = Text.name("timeZone", zone);
      try {
        this.timeZone = ZoneId.of(checked);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("timeZone " + Text.quote(checked) + " is not a known time zone id"
            + " (an IANA name like \"America/New_York\", or \"UTC\")");
      }
      return this;
    }

    public Builder timeZone(ZoneId zone) {
      this.timeZone = Objects.requireNonNull(zone, "timeZone");
      return this;
    }

    public Builder input(Object input) {
      this.input = input;
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

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder missedTicks(MissedTicks policy) {
      this.missedTicks = Objects.requireNonNull(policy, "missedTicks");
      return this;
    }

    public Builder overlap(Overlap policy) {
      this.overlap = Objects.requireNonNull(policy, "overlap");
      return this;
    }

    /** @throws IllegalArgumentException without a cron expression, or naming metadata that cannot be stored */
    public ScheduleSpec build() {
      if (cron == null) {
        throw new IllegalArgumentException("cron is required (a five-field Unix cron expression)");
      }
      Text.metadata("metadata", metadata);
      if (metadata.size() > MAX_METADATA_ENTRIES) {
        throw new IllegalArgumentException("metadata has " + metadata.size() + " entries; at most "
            + MAX_METADATA_ENTRIES + " are allowed (each run carries " + SCHEDULE_KEY + " and " + TICK_KEY
            + " besides)");
      }
      for (String key : metadata.keySet()) {
        if (key.equals(SCHEDULE_KEY) || key.equals(TICK_KEY)) {
          throw new IllegalArgumentException("metadata key " + key + " is set by the schedule itself");
        }
      }
      return new ScheduleSpec(this);
    }
  }
}
