package dev.cairn.internal;

import dev.cairn.CairnListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The validated settings of one engine, built by {@link dev.cairn.Cairn.Builder}. Exactly one of
 * {@code dataSource}, {@code jdbcUrl} and {@code embeddedDataDirectory} is set.
 */
public record EngineConfig(
    DataSource dataSource,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    Path embeddedDataDirectory,
    String schema,
    int workerSlots,
    Duration leaseDuration,
    Duration pollInterval,
    Duration sweepInterval,
    int maxLeaseExpiries,
    Duration shutdownTimeout,
    Duration databaseStartupWait,
    Duration eventLookback,
    dev.cairn.internal.grpc.GrpcServer.Settings grpc,
    String nodeId,
    MeterRegistry meterRegistry,
    List<CairnListener> listeners,
    List<Object> workflows) {}
