package dev.cairn.db;

import java.time.Instant;
import java.util.function.Supplier;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The "now" every statement is given as {@code :now} (Jdbi configuration of the store's {@code Jdbi}). The SQL uses
 * {@code coalesce(:now::timestamptz, now())}, so a null lets the database use its own clock (production: every node
 * agrees on one clock) while a test clock makes the database see the time it says.
 */
public final class StatementClock implements JdbiConfig<StatementClock> {
  private Supplier<Instant> now = () -> null;

  public StatementClock() {}

  private StatementClock(StatementClock other) {
    this.now = other.now;
  }

  /** Statements take their "now" from {@code source}; it returns null for the database's clock. */
  public StatementClock use(Supplier<Instant> source) {
    this.now = source;
    return this;
  }

  Instant now() {
    return now.get();
  }

  @Override
  public StatementClock createCopy() {
    return new StatementClock(this);
  }
}
