package dev.cairn.internal.schedule;

import dev.cairn.CairnClock;
import dev.cairn.CairnException;
import dev.cairn.NotFoundException;
import dev.cairn.RunStatus;
import dev.cairn.ScheduleSpec;
import dev.cairn.ScheduleView;
import dev.cairn.Schedules;
import dev.cairn.TriggerOptions;
import dev.cairn.db.NewSchedule;
import dev.cairn.db.RunRow;
import dev.cairn.db.ScheduleRow;
import dev.cairn.db.ScheduleStore;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.codec.RawJson;
import dev.cairn.internal.runs.Triggerer;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the schedules (the {@link Schedules} API of the embedded engine and the gRPC server) and handles the due
 * ones: every tick starts one run whose idempotency key is the tick's identity, with the schedule's missed-tick and
 * overlap policies applied. Thread-safe.
 */
public final class ScheduleService implements Schedules {
  /** Schedules one pass locks. */
  static final int DUE_BATCH = 50;
  /** Ticks of one schedule one pass starts (a longer catch-up goes on in the next pass, at once). */
  static final int MAX_TICKS_PER_PASS = 100;
  /** Missed ticks counted per pass under LATEST and SKIP (a schedule paused for years skips more, counted less). */
  static final int MAX_COUNTED_MISSES = 10_000;
  /** How late a tick may be and still run under {@link ScheduleSpec.MissedTicks#SKIP}. */
  static final Duration SKIP_GRACE = Duration.ofMinutes(1);
  private static final String KEY_PREFIX = "cairn.schedule:";
  private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

  private final Store store;
  private final ScheduleStore schedules;
  private final PayloadCodec codec;
  private final Triggerer triggerer;
  private final BiConsumer<UUID, String> canceller;
  private final CairnClock clock;
  private volatile Runnable changed = () -> {};

  public ScheduleService(Store store, PayloadCodec codec, Triggerer triggerer, BiConsumer<UUID, String> canceller,
      CairnClock clock) {
    this.store = store;
    this.schedules = store.schedules();
    this.codec = codec;
    this.triggerer = triggerer;
    this.canceller = canceller;
    this.clock = clock;
  }

  /** Told when a schedule of this node was created, changed or resumed (the scheduler looks again). */
  public void onChange(Runnable changed) {
    this.changed = changed;
  }

  @Override
  public ScheduleView create(ScheduleSpec spec) {
    NewSchedule schedule = stored(spec, false);
    ScheduleView view = schedules.scheduleInsert(schedule, false).map(this::view).orElseThrow(() ->
        new IllegalStateException("a schedule named " + Text.quote(spec.name()) + " exists; update or delete it"));
    changed.run();
    return view;
  }

  @Override
  public ScheduleView update(ScheduleSpec spec) {
    ScheduleRow existing = row(spec.name());
    if (existing.declared()) {
      throw declared(existing, "changed");
    }
    ScheduleView view = schedules.scheduleUpdate(stored(spec, false)).map(this::view)
        .orElseThrow(() -> notFound(spec.name()));
    changed.run();
    return view;
  }

  @Override
  public ScheduleView get(String name) {
    return view(row(name));
  }

  @Override
  public List<ScheduleView> list() {
    List<ScheduleView> all = new ArrayList<>();
    String after = null;
    while (true) {
      List<ScheduleRow> page = schedules.scheduleList(after, 500);
      page.forEach(row -> all.add(view(row)));
      if (page.size() < 500) {
        return all;
      }
      after = page.get(page.size() - 1).name();
    }
  }

  @Override
  public ScheduleView pause(String name) {
    return schedules.scheduleSetPaused(checkedName(name), true, null).map(this::view)
        .orElseThrow(() -> notFound(name));
  }

  @Override
  public ScheduleView resume(String name) {
    ScheduleRow row = row(name);
    if (!row.paused()) {
      return view(row);
    }
    Instant next = ticks(row).after(clock.now()).orElse(Ranges.MAX_INSTANT);
    ScheduleView view = schedules.scheduleSetPaused(row.name(), false, next).map(this::view)
        .orElseThrow(() -> notFound(name));
    changed.run();
    return view;
  }

  @Override
  public void delete(String name) {
    ScheduleRow row = row(name);
    if (row.declared()) {
      throw declared(row, "deleted");
    }
    if (!schedules.scheduleDelete(row.name())) {
      throw notFound(name);
    }
  }

  @Override
  public UUID triggerNow(String name) {
    ScheduleRow row = row(name);
    return triggerer.triggerAll(List.of(request(row, clock.now(), null))).get(0);
  }

  @Override
  public List<UUID> backfill(String name, Instant from, Instant to) {
    ScheduleRow row = row(name);
    Ranges.instant("from", from);
    Ranges.instant("to", to);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from " + from + " is not before to " + to);
    }
    List<Instant> ticks = ticks(row).between(from, to, MAX_BACKFILL_TICKS + 1);
    ticks.removeIf(tick -> !tick.isBefore(to));
    if (ticks.size() > MAX_BACKFILL_TICKS) {
      throw new IllegalArgumentException("from " + from + " to " + to + " holds more than " + MAX_BACKFILL_TICKS
          + " ticks of " + Text.quote(row.cron()) + "; backfill a shorter range at a time");
    }
    List<Triggerer.Request> requests = new ArrayList<>(ticks.size());
    for (Instant tick : ticks) {
      requests.add(request(row, tick, key(row.name(), tick)));
    }
    return triggerer.triggerAll(requests);
  }

  /**
   * Makes the declared schedule match {@code spec} ({@code @Workflow(cron)} of a workflow registered here): created
   * when missing, replaced when it differs (its next tick computed again), left alone when equal, so a restart
   * neither loses nor repeats a tick.
   */
  public void declare(ScheduleSpec spec) {
    NewSchedule wanted = stored(spec, true);
    Optional<ScheduleRow> existing = schedules.scheduleGet(spec.name());
    if (existing.isEmpty()) {
      if (schedules.scheduleInsert(wanted, false).isPresent()) {
        log.info("schedule {} declared: {} in {}", spec.name(), spec.cron(), spec.timeZone());
      }
    } else if (!sameSpec(existing.get(), wanted)) {
      schedules.scheduleUpdate(wanted);
      log.info("schedule {} changed by its declaration: {} in {}", spec.name(), spec.cron(), spec.timeZone());
    }
    changed.run();
  }

  /** Deletes the declared schedules of workflows registered here whose code no longer declares one. */
  public void undeclare(List<String> workflowNames) {
    if (!workflowNames.isEmpty()) {
      schedules.scheduleDeleteDeclared(workflowNames)
          .forEach(name -> log.info("schedule {} deleted: its workflow no longer declares a cron", name));
    }
  }

  /** When the earliest unpaused schedule is due. */
  public Optional<Instant> nextDue() {
    return schedules.scheduleNextDue();
  }

  /**
   * Handles the due schedules (up to {@link #DUE_BATCH}); true when there may be more to handle at once (more due
   * schedules, or a catch-up longer than one pass).
   */
  public boolean handleDue() {
    List<ScheduleStore.Due> due = schedules.scheduleListDue(DUE_BATCH);
    boolean more = due.size() == DUE_BATCH;
    for (ScheduleStore.Due schedule : due) {
      ScheduleStore.Advance advance = tick(schedule.row(), schedule.now());
      if (schedules.scheduleAdvance(schedule.row().name(), schedule.row().nextDueAt(), advance)) {
        more |= !advance.nextDueAt().isAfter(schedule.now());
      }
    }
    return more;
  }

  /** Starts the runs of a due schedule's ticks up to {@code now}, as its policies say. */
  private ScheduleStore.Advance tick(ScheduleRow row, Instant now) {
    CronTicks ticks = ticks(row);
    List<Instant> toRun = new ArrayList<>();
    int skipped = 0;
    Instant lastHandled;
    ScheduleSpec.MissedTicks missed = ScheduleSpec.MissedTicks.valueOf(row.missedTicks());
    if (missed == ScheduleSpec.MissedTicks.ALL) {
      toRun.addAll(ticks.between(row.nextDueAt(), now, MAX_TICKS_PER_PASS));
      lastHandled = toRun.isEmpty() ? null : toRun.get(toRun.size() - 1);
    } else {
      lastHandled = ticks.atOrBefore(now).filter(latest -> !latest.isBefore(row.nextDueAt())).orElse(null);
      if (lastHandled != null) {
        skipped = ticks.between(row.nextDueAt(), lastHandled, MAX_COUNTED_MISSES).size() - 1;
        boolean late = Duration.between(lastHandled, now).compareTo(SKIP_GRACE) > 0;
        if (missed == ScheduleSpec.MissedTicks.SKIP && late) {
          skipped++;
        } else {
          toRun.add(lastHandled);
        }
      }
    }
    if (lastHandled == null) {
      // next_due_at is no tick of the expression (the zone's rules changed): go on from now.
      return new ScheduleStore.Advance(ticks.after(now).orElse(Ranges.MAX_INSTANT), null, null, 0);
    }
    UUID previous = row.lastRunId();
    UUID lastRun = null;
    ScheduleSpec.Overlap overlap = ScheduleSpec.Overlap.valueOf(row.overlap());
    for (Instant tick : toRun) {
      if (overlap != ScheduleSpec.Overlap.ALLOW && previous != null && unfinished(previous)) {
        if (overlap == ScheduleSpec.Overlap.SKIP) {
          skipped++;
          continue;
        }
        canceller.accept(previous, "cancelled by schedule " + row.name() + ": its tick " + tick
            + " started a new run");
      }
      try {
        previous = lastRun = triggerer.triggerAll(List.of(request(row, tick, key(row.name(), tick)))).get(0);
      } catch (IllegalArgumentException | CairnException e) {
        // The workflow or its input changed under the schedule: this tick cannot start; the next may.
        log.warn("schedule {}: tick {} started no run: {}", row.name(), tick, e.getMessage());
        skipped++;
      }
    }
    return new ScheduleStore.Advance(ticks.after(lastHandled).orElse(Ranges.MAX_INSTANT), lastHandled, lastRun,
        skipped);
  }

  private boolean unfinished(UUID runId) {
    return store.runGet(runId).map(RunRow::status).map(status -> !RunStatus.valueOf(status).isFinal())
        .orElse(false);
  }

  private Triggerer.Request request(ScheduleRow row, Instant tick, String idempotencyKey) {
    Map<String, String> metadata = new LinkedHashMap<>(codec.decodeStringMap(row.metadataJson()));
    metadata.put(ScheduleSpec.SCHEDULE_KEY, row.name());
    metadata.put(ScheduleSpec.TICK_KEY, tick.toString());
    TriggerOptions options = TriggerOptions.builder().metadata(metadata).priority(row.priority())
        .idempotencyKey(idempotencyKey).build();
    return new Triggerer.Request(row.workflowName(), row.inputJson() == null ? null
        : new RawJson("input", row.inputJson()), options);
  }

  /** The identity of a tick: the idempotency key of its run. */
  static String key(String schedule, Instant tick) {
    return KEY_PREFIX + schedule + "@" + tick;
  }

  /** The spec as stored, checked against the engine: the expression parses, the input fits the workflow. */
  private NewSchedule stored(ScheduleSpec spec, boolean declared) {
    CronTicks ticks = CronTicks.parse(spec.cron(), spec.timeZone().getId());
    String inputJson = triggerer.checkedInput(spec.workflowName(), spec.input());
    Instant next = ticks.after(clock.now()).orElse(Ranges.MAX_INSTANT);
    return new NewSchedule(spec.name(), spec.workflowName(), spec.cron(), spec.timeZone().getId(),
        "null".equals(inputJson) ? null : inputJson, codec.encode(spec.metadata()), spec.priority(),
        spec.missedTicks().name(), spec.overlap().name(), declared, next);
  }

  private boolean sameSpec(ScheduleRow row, NewSchedule wanted) {
    return row.declared() == wanted.declared() && row.workflowName().equals(wanted.workflowName())
        && row.cron().equals(wanted.cron()) && row.timeZone().equals(wanted.timeZone())
        && Objects.equals(row.inputJson(), wanted.inputJson()) && row.priority() == wanted.priority()
        && row.missedTicks().equals(wanted.missedTicks()) && row.overlap().equals(wanted.overlap())
        && codec.decodeStringMap(row.metadataJson()).equals(codec.decodeStringMap(wanted.metadataJson()));
  }

  private ScheduleRow row(String name) {
    return schedules.scheduleGet(checkedName(name)).orElseThrow(() -> notFound(name));
  }

  private static String checkedName(String name) {
    return Text.name("name", name, ScheduleSpec.MAX_NAME_LENGTH);
  }

  private static CronTicks ticks(ScheduleRow row) {
    return CronTicks.parse(row.cron(), row.timeZone());
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("no schedule named " + Text.quote(name));
  }

  private static IllegalStateException declared(ScheduleRow row, String what) {
    return new IllegalStateException("schedule " + Text.quote(row.name()) + " is declared by @Workflow(cron) of"
        + " workflow " + row.workflowName() + " and cannot be " + what + " here; change the annotation (pause and"
        + " resume work)");
  }

  private ScheduleView view(ScheduleRow row) {
    return new ScheduleView(row.name(), row.workflowName(), row.cron(), row.timeZone(), row.inputJson(),
        codec.decodeStringMap(row.metadataJson()), row.priority(), ScheduleSpec.MissedTicks.valueOf(row.missedTicks()),
        ScheduleSpec.Overlap.valueOf(row.overlap()), row.paused(), row.declared(), row.nextDueAt(), row.lastTickAt(),
        row.lastRunId(), row.skippedTicks(), row.createdAt(), row.updatedAt());
  }
}
