package dev.cairn.spring;

import dev.cairn.Cairn;
import dev.cairn.CairnListener;
import dev.cairn.StepInterceptor;
import dev.cairn.client.CairnClient;
import dev.cairn.worker.CairnWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cairn in a Spring Boot application, by {@code cairn.mode}: {@code embedded} (default) builds a {@link Cairn} engine
 * node on the application's {@link DataSource}, {@code client} a {@link CairnClient} of a remote engine,
 * {@code worker} a {@link CairnWorker} for a remote engine. Both {@code Cairn} and {@code CairnClient} are the
 * {@link dev.cairn.Runs} bean application code triggers runs with. {@code @Workflow} beans, {@link StepInterceptor}
 * and {@link CairnListener} beans and the application's {@link MeterRegistry} are applied, then the customizers.
 * {@code cairn.enabled=false} turns all of it off.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnProperty(prefix = "cairn", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CairnProperties.class)
public class CairnAutoConfiguration {

  /** What an engine node and a worker, which both run steps in slots, take alike. */
  record SlotSettings(CairnProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
      ObjectProvider<StepInterceptor> interceptors, ListableBeanFactory beans) {}

  static void applySlotSettings(SlotSettings settings, IntConsumer slots, BiConsumer<String, String> label,
      Consumer<MeterRegistry> meterRegistry, Consumer<StepInterceptor> interceptor,
      BiConsumer<Class<?>, Object> register) {
    if (settings.properties().getWorkerSlots() != null) {
      slots.accept(settings.properties().getWorkerSlots());
    }
    settings.properties().getLabels().forEach(label);
    settings.meterRegistry().ifUnique(meterRegistry);
    settings.interceptors().orderedStream().forEach(interceptor);
    WorkflowBeans.registerAll(settings.beans(), register);
  }

  /** An engine node in this application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "cairn", name = "mode", havingValue = "embedded", matchIfMissing = true)
  static class Embedded {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Cairn cairn(CairnProperties properties, ObjectProvider<DataSource> dataSource,
        ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<StepInterceptor> interceptors,
        ObjectProvider<CairnListener> listeners, ObjectProvider<CairnBuilderCustomizer> customizers,
        ObjectProvider<OpenTelemetry> openTelemetry, ListableBeanFactory beans) {
      Cairn.Builder builder = Cairn.builder().schema(properties.getSchema())
          .shutdownTimeout(properties.getShutdownTimeout()).leaseDuration(properties.getLeaseDuration());
      DataSource applicationDataSource = dataSource.getIfUnique();
      if (applicationDataSource != null) {
        builder.dataSource(applicationDataSource);
      } else if (properties.isEmbeddedDatabase()) {
        builder.embeddedDataDirectory(properties.getEmbeddedDataDirectory());
      } else {
        throw new IllegalStateException("cairn.mode=embedded needs one DataSource bean (found "
            + dataSource.stream().count() + "; mark one @Primary if there are several; spring.datasource.url with"
            + " spring-boot-starter-jdbc makes one) or cairn.embedded-database=true to start an embedded PostgreSQL");
      }
      if (properties.getGrpc().getPort() != null) {
        builder.grpcPort(properties.getGrpc().getPort());
      }
      if (properties.getNodeId() != null) {
        builder.nodeId(properties.getNodeId());
      }
      applySlotSettings(new SlotSettings(properties, meterRegistry, interceptors, beans), builder::workerSlots,
          builder::label, builder::meterRegistry, builder::interceptor, builder::register);
      listeners.orderedStream().forEach(builder::listener);
      openTelemetry.ifUnique(builder::openTelemetry);
      customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      return builder.build();
    }

    @Bean
    CairnLifecycle cairnLifecycle(Cairn cairn) {
      return new CairnLifecycle(cairn::start, cairn::close);
    }
  }

  /** Only a client of a remote engine. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "cairn", name = "mode", havingValue = "client")
  static class Client {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CairnClient cairnClient(CairnProperties properties, ObjectProvider<OpenTelemetry> openTelemetry) {
      CairnClient.Builder builder = CairnClient.builder(properties.getServer().getAddress())
          .token(properties.getToken());
      openTelemetry.ifUnique(builder::openTelemetry);
      return builder.build();
    }
  }

  /** Only a worker of a remote engine. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "cairn", name = "mode", havingValue = "worker")
  static class Worker {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CairnWorker cairnWorker(CairnProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
        ObjectProvider<StepInterceptor> interceptors, ObjectProvider<CairnWorkerCustomizer> customizers,
        ObjectProvider<OpenTelemetry> openTelemetry, ListableBeanFactory beans) {
      CairnWorker.Builder builder = CairnWorker.builder(properties.getServer().getAddress())
          .token(properties.getToken()).shutdownTimeout(properties.getShutdownTimeout());
      if (properties.getWorker().getId() != null) {
        builder.workerId(properties.getWorker().getId());
      }
      applySlotSettings(new SlotSettings(properties, meterRegistry, interceptors, beans), builder::slots,
          builder::label, builder::meterRegistry, builder::interceptor, builder::register);
      openTelemetry.ifUnique(builder::openTelemetry);
      customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      return builder.build();
    }

    @Bean
    CairnLifecycle cairnWorkerLifecycle(CairnWorker worker) {
      return new CairnLifecycle(worker::start, worker::close);
    }
  }

  /** What the health indicators of Spring Boot 4 and 3 report. */
  @Bean
  CairnHealth cairnHealth(CairnProperties properties, ObjectProvider<Cairn> cairn, ObjectProvider<CairnClient> client,
      ObjectProvider<CairnWorker> worker, ObjectProvider<CairnLifecycle> lifecycle) {
    return new CairnHealth(properties, cairn.getIfAvailable(), client.getIfAvailable(), worker.getIfAvailable(),
        lifecycle.getIfAvailable());
  }
}
