package dev.cairn.internal.flow;

import dev.cairn.RateLimits;
import dev.cairn.db.FlowStore;
import dev.cairn.internal.definition.RateRule;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The static rate limits, stored as keys of their rule ({@code rate:<name>}, key ''). Thread-safe. */
public final class RateLimitService implements RateLimits {
  private static final String PREFIX = "rate:";
  private final FlowStore store;

  public RateLimitService(FlowStore store) {
    this.store = store;
  }

  @Override
  public void set(String name, int units, Duration period) {
    Text.name("rate limit name", name, 100);
    Ranges.between("units", units, 1, RateRule.MAX_UNITS);
    Ranges.between("period", period, RateRule.MIN_PERIOD, RateRule.MAX_PERIOD);
    store.setRateLimit(PREFIX + name, units, period.toMillis());
  }

  @Override
  public Optional<Limit> get(String name) {
    Text.name("rate limit name", name, 100);
    return list().stream().filter(limit -> limit.name().equals(name)).findFirst();
  }

  @Override
  public List<Limit> list() {
    return store.rateLimits().stream()
        .map(row -> new Limit(row.rule().substring(PREFIX.length()), row.maxUnits(), Duration.ofMillis(row.periodMs())))
        .toList();
  }
}
