package dev.cairn.worker;

import dev.cairn.RateLimits;
import dev.cairn.StepInterceptor;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.DefinitionScanner;
import dev.cairn.internal.definition.WorkflowInstance;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.wire.ClientChannels;
import dev.cairn.internal.scrape.ScrapeServer;
import dev.cairn.internal.worker.RemoteWorkerRuntime;
import dev.cairn.internal.worker.WorkerMeters;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A worker process: runs the steps of the annotated workflow classes it registers for an engine it reaches over
 * gRPC with a worker token. It connects, registers a fingerprint of each workflow definition (a workflow whose
 * definition differs from the engine's is refused, loudly, and gets no work), receives assignments up to its
 * slots, and reconnects by itself when the stream or the engine goes away. Steps use durable operations
 * (children, sleeps, event waits) as on the engine; the engine answers them over gRPC. Thread-safe.
 *
 * <pre>{@code
 * try (CairnWorker worker = CairnWorker.builder("engine:7233").token(secret).register(new Pipeline(deps)).build()) {
 *   worker.start();
 *   ...
 * }
 * }</pre>
 */
public final class CairnWorker implements AutoCloseable {
  private final ManagedChannel channel;
  private final RemoteWorkerRuntime runtime;
  private final PrometheusMeterRegistry prometheus;
  private final int metricsPort;
  private ScrapeServer scrape;

  private CairnWorker(ManagedChannel channel, RemoteWorkerRuntime runtime, PrometheusMeterRegistry prometheus,
      int metricsPort) {
    this.channel = channel;
    this.runtime = runtime;
    this.prometheus = prometheus;
    this.metricsPort = metricsPort;
  }

  public static Builder builder(String target) {
    return new Builder(target);
  }

  /** Connects and starts taking work; returns at once (the connection is kept up in the background). */
  public synchronized void start() {
    if (prometheus != null && scrape == null) {
      scrape = ScrapeServer.start(metricsPort, prometheus::scrape);
    }
    runtime.start();
  }

  /** The port {@code /metrics} is served on, once started; -1 without {@link Builder#metricsPort}. */
  public synchronized int metricsPort() {
    return scrape == null ? -1 : scrape.port();
  }

  /** Whether the worker is registered on a live stream right now. */
  public boolean isRegistered() {
    return runtime.isRegistered();
  }

  /** Stops taking work, lets running steps finish (up to the shutdown timeout), sends their results. */
  @Override
  public synchronized void close() {
    runtime.close();
    ClientChannels.close(channel);
    if (scrape != null) {
      scrape.close();
    }
  }

  /** Builds a {@link CairnWorker}. Not thread-safe. */
  public static final class Builder {
    public static final int DEFAULT_SLOTS = 8;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final String target;
    private String token;
    private String workerId = ManagementFactory.getRuntimeMXBean().getName();
    private int slots = DEFAULT_SLOTS;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<RateLimits.Limit> rateLimits = new ArrayList<>();
    private final List<WorkflowInstance> workflows = new ArrayList<>();
    private Path trustedCertificates;
    private int maxMessageBytes = 16 * 1024 * 1024;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private String version = "";
    private final List<StepInterceptor> interceptors = new ArrayList<>();
    private MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry;
    private Integer metricsPort;

    private Builder(String target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /** The bearer token, role worker. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Stable id of this worker process, recorded on every attempt it runs. Default: pid@host. */
    public Builder workerId(String id) {
      this.workerId = id;
      return this;
    }

    /** Steps run at once. Default 8. */
    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    /** A worker label ({@code pool=cpu-heavy}, {@code memory_gb=16}): steps requiring labels go to workers with them. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /**
     * A static rate limit this worker's steps use, set on the engine when the worker registers (created, or
     * changed to these values): {@code units} per {@code period}, shared by every worker and node.
     */
    public Builder rateLimit(String name, int units, Duration period) {
      rateLimits.add(new RateLimits.Limit(name, units, period));
      return this;
    }

    public Builder register(Object... workflowInstances) {
      for (Object workflow : workflowInstances) {
        workflows.add(WorkflowInstance.of(workflow));
      }
      return this;
    }

    /**
     * Registers a workflow whose definition is read from {@code definitionClass}, a class of {@code instance} (for a
     * Spring CGLIB proxy, the class it was generated from); step methods are invoked on {@code instance}.
     */
    public Builder register(Class<?> definitionClass, Object instance) {
      workflows.add(new WorkflowInstance(definitionClass, instance));
      return this;
    }

    /** Connect with TLS, trusting these PEM certificates. Default: plain text. */
    public Builder tls(Path trustedCertificates) {
      this.trustedCertificates = trustedCertificates;
      return this;
    }

    public Builder maxMessageBytes(int bytes) {
      this.maxMessageBytes = bytes;
      return this;
    }

    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    /** This worker's software version, shown in the engine's worker inventory. Default: none. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Records this worker's meters (slots, steps, step durations, reconnects: {@code cairn.worker.*}) in this
     * registry. Default: none.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Serves this worker's meters for Prometheus at {@code http://host:port/metrics} once started (0 picks a free
     * port; see {@link CairnWorker#metricsPort()}); with a {@link #meterRegistry} too, they are recorded in both.
     * Default: not served.
     */
    public Builder metricsPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("metricsPort is invalid: " + port + " (0..65535)");
      }
      this.metricsPort = port;
      return this;
    }

    /** Wraps every step this worker runs (in the order added). */
    public Builder interceptor(StepInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Where the worker's spans go: one per step attempt, continuing its run's trace (and the current context of
     * child runs its steps start). Only the OpenTelemetry API is used; the application brings the SDK. Default:
     * the {@link GlobalOpenTelemetry} set when this is built (the Java agent sets it before {@code main}), else none.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /** Validates the workflow definitions (as the engine does) and builds the worker. */
    public CairnWorker build() {
      if (slots < 1 || slots > 1024) {
        throw new IllegalArgumentException("slots is invalid: " + slots + " (1..1024)");
      }
      if (workflows.isEmpty()) {
        throw new IllegalArgumentException("register at least one workflow");
      }
      WorkflowRegistry registry = new WorkflowRegistry();
      DefinitionScanner scanner = new DefinitionScanner(new PayloadCodec());
      workflows.forEach(workflow -> registry.add(scanner.scan(workflow)));
      OpenTelemetry tracing = openTelemetry != null ? openTelemetry : GlobalOpenTelemetry.getOrNoop();
      ManagedChannel channel = ClientChannels.open(target, trustedCertificates, maxMessageBytes, tracing);
      // The stream's callbacks run on the network thread that read the message: they only hand work on (see
      // RemoteWorkerRuntime#responses), and handing each message to gRPC's shared pool first cost a thread switch.
      WorkerServiceGrpc.WorkerServiceStub stub = WorkerServiceGrpc.newStub(channel).withExecutor(Runnable::run)
          .withCallCredentials(ClientChannels.bearer(token));
      WorkerServiceGrpc.WorkerServiceBlockingStub operations = WorkerServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(ClientChannels.bearer(token));
      PrometheusMeterRegistry prometheus = metricsPort == null ? null
          : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      MeterRegistry meters = prometheus == null ? meterRegistry : meterRegistry == null ? prometheus
          : new CompositeMeterRegistry().add(meterRegistry).add(prometheus);
      return new CairnWorker(channel, new RemoteWorkerRuntime(stub, operations, registry,
          new RemoteWorkerRuntime.Settings(workerId, slots, labels, version, shutdownTimeout, interceptors,
              List.copyOf(rateLimits), hostName(), tracing), meters == null ? null : new WorkerMeters(meters, slots)),
          prometheus, metricsPort == null ? -1 : metricsPort);
    }

    /** This machine's host name, shown in the engine's worker inventory; empty when it cannot be found. */
    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException | RuntimeException e) {
        return "";
      }
    }
  }
}
