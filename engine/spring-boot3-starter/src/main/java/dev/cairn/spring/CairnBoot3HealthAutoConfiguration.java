package dev.cairn.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code cairn} component of {@code /actuator/health} with Spring Boot 3's health API on the class path. */
@AutoConfiguration(after = CairnAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(CairnHealth.class)
public class CairnBoot3HealthAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "cairnHealthIndicator")
  CairnBoot3HealthIndicator cairnHealthIndicator(CairnHealth health) {
    return new CairnBoot3HealthIndicator(health);
  }
}
