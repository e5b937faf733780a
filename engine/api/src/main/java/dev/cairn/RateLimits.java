package dev.cairn;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The static rate limits steps name with {@link RateLimit}: set, read and list them. Thread-safe. */
public interface RateLimits {
  /** A static limit: {@code units} per {@code period}. */
  record Limit(String name, int units, Duration period) {}

  /**
   * Creates or changes a static limit (a change applies to the next admission). Units: 1..1,000,000; period: 1 ms to
   * 1 day.
   *
   * @throws IllegalArgumentException naming what is out of range
   */
  void set(String name, int units, Duration period);

  Optional<Limit> get(String name);

  /** Every static limit, by name. */
  List<Limit> list();
}
