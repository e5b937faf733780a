package dev.cairn.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code cairn} component of {@code /actuator/health} (Spring Boot 4): reports {@link CairnHealth}'s check. */
public final class CairnHealthIndicator implements HealthIndicator {
  private final CairnHealth health;

  CairnHealthIndicator(CairnHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    CairnHealth.Report report = health.check();
    return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
  }
}
