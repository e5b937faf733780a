package dev.cairn.spring;

import dev.cairn.worker.CairnWorker;

/**
 * A bean that adjusts the remote worker's builder ({@code cairn.mode=worker}) after the properties and
 * {@code @Workflow} beans were applied, just before it is built. Applied in
 * {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface CairnWorkerCustomizer {
  void customize(CairnWorker.Builder builder);
}
