package dev.cairn.internal;

import dev.cairn.CairnClock;
import dev.cairn.CairnListener;
import dev.cairn.StepInterceptor;
import dev.cairn.internal.definition.WorkflowInstance;
import dev.cairn.internal.grpc.GrpcServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;

/**
 * The validated settings of one engine node, built by {@link dev.cairn.Cairn.Builder}.
 *
 * @param grpc null without a gRPC server
 * @param meters null without Micrometer
 * @param openTelemetry where run and step spans go (a no-op one when the application traces nothing)
 */
public record EngineConfig(
    DatabaseSettings database,
    NodeSettings node,
    GrpcServer.Settings grpc,
    MeterRegistry meters,
    List<CairnListener> listeners,
    List<WorkflowInstance> workflows,
    List<StepInterceptor> interceptors,
    CairnClock clock,
    OpenTelemetry openTelemetry) {}
