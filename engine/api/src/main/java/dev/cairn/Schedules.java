package dev.cairn;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Cron schedules, shared by every node on the database: each tick of a schedule starts exactly one run of its
 * workflow. The embedded engine ({@code Cairn.schedules()}) and a client ({@code CairnClient.schedules()}) both
 * implement it. Bad input (an expression that does not parse, an unknown workflow) raises
 * {@link IllegalArgumentException} or {@link CairnException} naming it, and nothing is written. Thread-safe.
 */
public interface Schedules {
  /** Most ticks one {@link #backfill} may start. */
  int MAX_BACKFILL_TICKS = 1000;

  /**
   * Creates a schedule; its first tick is the first after now.
   *
   * @throws IllegalStateException if a schedule of that name exists
   */
  ScheduleView create(ScheduleSpec spec);

  /**
   * Replaces what a schedule does; its next tick is computed again from now, its history and pause are kept.
   *
   * @throws NotFoundException if there is none
   * @throws IllegalStateException if it is declared by {@code @Workflow(cron)} (change the annotation)
   */
  ScheduleView update(ScheduleSpec spec);

  /** @throws NotFoundException if there is none */
  ScheduleView get(String name);

  /** Every schedule, in name order. */
  List<ScheduleView> list();

  /** Stops starting runs (runs it started go on). Idempotent. @throws NotFoundException if there is none */
  ScheduleView pause(String name);

  /**
   * Starts runs again from the first tick after now (ticks that passed while paused start nothing). Idempotent.
   *
   * @throws NotFoundException if there is none
   */
  ScheduleView resume(String name);

  /**
   * Deletes a schedule; the runs it started stay.
   *
   * @throws NotFoundException if there is none
   * @throws IllegalStateException if it is declared by {@code @Workflow(cron)}
   */
  void delete(String name);

  /** Starts a run now, outside the ticks (its {@value ScheduleSpec#TICK_KEY} is now). Works while paused too. */
  UUID triggerNow(String name);

  /**
   * Starts the run of every tick in {@code [from, to)}, oldest first: ticks that started a run before return that
   * run, so a backfill can be repeated safely. Returns the runs in tick order.
   *
   * @throws IllegalArgumentException if {@code from} is not before {@code to}, or the range holds more than
   *     {@value #MAX_BACKFILL_TICKS} ticks
   */
  List<UUID> backfill(String name, Instant from, Instant to);
}
