package dev.cairn.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code cairn} component of {@code /actuator/health} (Spring Boot 3): reports {@link CairnHealth}'s check. */
public final class CairnBoot3HealthIndicator implements HealthIndicator {
  private final CairnHealth health;

  CairnBoot3HealthIndicator(CairnHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    CairnHealth.Report report = health.check();
    return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
  }
}
