package dev.cairn.internal.grpc;

import dev.cairn.EventTriggers;
import dev.cairn.RateLimits;
import dev.cairn.Role;
import dev.cairn.Schedules;
import dev.cairn.Workers;
import dev.cairn.Workflows;
import dev.cairn.internal.auth.TokenService;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.runs.RunService;
import dev.cairn.internal.wire.TracePropagation;
import dev.cairn.proto.v1.AdminServiceGrpc;
import dev.cairn.proto.v1.AuthServiceGrpc;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.ScheduleServiceGrpc;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import dev.cairn.proto.v1.WorkflowServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's gRPC server: run, schedule, workflow and admin services behind token authentication, plus the standard health service
 * and server reflection (open, so grpcurl-style tools work). Thread-safe.
 */
public final class GrpcServer {
  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  /** Where and how to listen. {@code certificate} and {@code privateKey} are both null for plain text. */
  public record Settings(String host, int port, int maxMessageBytes, Path certificate, Path privateKey) {}

  private final AtomicBoolean intakeStopped = new AtomicBoolean();
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();

  /** The services behind the server, each with its own collaborators. */
  public record Services(RunService runs, PayloadCodec codec, TokenService tokens, RateLimits rateLimits,
      Schedules schedules, Workflows workflows, EventTriggers eventTriggers, GrpcWorkerService.Collaborators workers,
      WorkerSessions sessions, Workers inventory, OpenTelemetry openTelemetry) {}

  public GrpcServer(Services services, Settings settings) {
    TokenService tokens = services.tokens();
    TokenAuthInterceptor auth = new TokenAuthInterceptor(tokens, Map.of(
        RunServiceGrpc.SERVICE_NAME, Set.of(Role.CLIENT, Role.ADMIN),
        ScheduleServiceGrpc.SERVICE_NAME, Set.of(Role.CLIENT, Role.ADMIN),
        WorkflowServiceGrpc.SERVICE_NAME, Set.of(Role.CLIENT, Role.ADMIN),
        AdminServiceGrpc.SERVICE_NAME, Set.of(Role.ADMIN),
        AuthServiceGrpc.SERVICE_NAME, Set.of(Role.WORKER, Role.CLIENT, Role.ADMIN),
        WorkerServiceGrpc.SERVICE_NAME, Set.of(Role.WORKER, Role.ADMIN)));
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
        .maxInboundMessageSize(settings.maxMessageBytes())
        // Pings find connections that died silently (a cut network, a paused peer) within about half a minute.
        .keepAliveTime(20, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .permitKeepAliveTime(5, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .addService(ServerInterceptors.intercept(RequestParsing.guard(new GrpcRunService(services.runs(),
            services.codec()).bindService()), auth))
        .addService(ServerInterceptors.intercept(RequestParsing.guard(new GrpcAdminService(tokens, services.rateLimits(),
            services.inventory()).bindService()),
            auth))
        .addService(ServerInterceptors.intercept(RequestParsing.guard(new GrpcScheduleService(services.schedules())
            .bindService()), auth))
        .addService(ServerInterceptors.intercept(RequestParsing.guard(new GrpcWorkflowService(services.workflows(),
            services.eventTriggers())
            .bindService()), auth))
        .addService(ServerInterceptors.intercept(RequestParsing.guard(new GrpcAuthService().bindService()), auth))
        .addService(ServerInterceptors.intercept(RequestParsing.guard(new GrpcWorkerService(services.workers(),
            services.sessions()).bindService()), auth))
        .addService(health.getHealthService())
        // Runs a call starts continue the caller's trace.
        .intercept(TracePropagation.server(services.openTelemetry()))
        .addService(ProtoReflectionServiceV1.newInstance());
    if (settings.certificate() != null) {
      try {
        builder.sslContext(GrpcSslContexts.forServer(settings.certificate().toFile(), settings.privateKey().toFile())
            .build());
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("cannot use TLS certificate " + settings.certificate() + " and key "
            + settings.privateKey() + ": " + e.getMessage(), e);
      }
    }
    this.server = builder.build();
  }

  public void start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the gRPC server: " + e.getMessage(), e);
    }
    health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
    log.info("gRPC server listening on port {}", port());
  }

  public int port() {
    return server.getPort();
  }

  /** Refuses new calls (health says NOT_SERVING); calls in progress go on. Once: later calls do nothing. */
  public void stopIntake() {
    if (intakeStopped.compareAndSet(false, true)) {
      health.enterTerminalState();
      server.shutdown();
    }
  }

  /** Ends every call: waits briefly for unary calls in progress, then cancels what is left (streams). */
  public void stop() {
    stopIntake();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }
}
