package dev.cairn.spring;

import dev.cairn.Cairn;

/**
 * A bean that adjusts the embedded engine's builder after the {@code cairn.*} properties, the data source, the meter
 * registry, listeners, interceptors and {@code @Workflow} beans were applied, just before it is built. Applied in
 * {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface CairnBuilderCustomizer {
  void customize(Cairn.Builder builder);
}
