package dev.cairn.testing;

import dev.cairn.Cairn;
import java.time.Duration;

/** Builders of engines on the test database, with test-friendly intervals. */
public final class TestEngines {
  private TestEngines() {}

  /** An engine builder on a fresh schema of the test database. */
  public static Cairn.Builder builder() {
    return builder(TestDatabase.newSchema());
  }

  public static Cairn.Builder builder(String schema) {
    return Cairn.builder()
        .jdbcUrl(TestDatabase.jdbcUrl(), "postgres", "postgres")
        .schema(schema)
        .workerSlots(8)
        .pollInterval(Duration.ofMillis(200))
        .sweepInterval(Duration.ofMillis(200))
        .shutdownTimeout(Duration.ofSeconds(5));
  }
}
