package dev.cairn;

import dev.cairn.internal.DatabaseSettings;
import dev.cairn.internal.Engine;
import dev.cairn.internal.EngineDashboard;
import dev.cairn.internal.EngineConfig;
import dev.cairn.internal.NodeSettings;
import dev.cairn.internal.dashboard.DashboardServer;
import dev.cairn.internal.dashboard.MetadataLink;
import dev.cairn.internal.definition.Lifecycle;
import dev.cairn.internal.definition.WorkflowInstance;
import dev.cairn.internal.grpc.GrpcServer;
import dev.cairn.internal.runs.RunService;
import dev.cairn.internal.runs.Subscriber;
import dev.cairn.internal.runs.Triggerer;
import dev.cairn.internal.time.SystemClock;
import dev.cairn.internal.validate.Text;
import dev.cairn.internal.scrape.ScrapeServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * An engine node embedded in this process: build one with {@link #builder()}, {@link #start()} it, operate runs
 * through the {@link Runs} interface (the same as a remote client's), and {@link #close()} it. Thread-safe.
 *
 * <pre>{@code
 * try (Cairn cairn = Cairn.builder().register(new Checkout(payments)).build()) {
 *   cairn.start();
 *   Receipt receipt = cairn.trigger(CHECKOUT, order).result(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class Cairn implements Runs, AutoCloseable {
  private final Engine engine;
  private final PrometheusMeterRegistry prometheus;
  private final Integer metricsPort;
  private final Integer dashboardPort;
  private final List<MetadataLink> dashboardLinks;
  private ScrapeServer scrape;
  private DashboardServer dashboard;

  private Cairn(Engine engine, PrometheusMeterRegistry prometheus, Integer metricsPort, Integer dashboardPort,
      List<MetadataLink> dashboardLinks) {
    this.engine = engine;
    this.prometheus = prometheus;
    this.metricsPort = metricsPort;
    this.dashboardPort = dashboardPort;
    this.dashboardLinks = dashboardLinks;
  }

  /** For same-package test access only. */
  Engine engine() {
    return engine;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts running steps of the registered workflows (and the maintenance loops). Idempotent. */
  public synchronized void start() {
    engine.start();
    if (prometheus != null && scrape == null) {
      scrape = ScrapeServer.start(metricsPort, prometheus::scrape);
    }
    if (dashboardPort != null && dashboard == null) {
      dashboard = DashboardServer.start("0.0.0.0", dashboardPort, new EngineDashboard(this, engine),
          dashboardLinks);
    }
  }

  /**
   * Stops gracefully: no new step is claimed; running attempts get up to the shutdown timeout to finish, then
   * are interrupted and handed back to the queue; everything reported is written. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (dashboard != null) {
      dashboard.close();
    }
    if (scrape != null) {
      scrape.close();
    }
    engine.close();
  }

  /** The port {@code /metrics} is served on, once started; -1 without {@link Builder#metricsPort}. */
  public synchronized int metricsPort() {
    return scrape == null ? -1 : scrape.port();
  }

  /**
   * The port the web dashboard is served on ({@code http://localhost:port/}), once started; -1 without
   * {@link Builder#dashboardPort}. Beta: the dashboard is new and its settings may change.
   */
  public synchronized int dashboardPort() {
    return dashboard == null ? -1 : dashboard.port();
  }

  /**
   * Triggers a run. Nothing is written when the workflow is unknown or the input does not fit its input type. A
   * reference made from a registered class is checked against it (its output type is the one the class returns).
   *
   * @throws CairnException naming what was wrong
   */
  @Override
  public <I, O> RunHandle<O> trigger(WorkflowRef<I, O> workflow, I input, TriggerOptions options) {
    Objects.requireNonNull(options, "options");
    UUID id = runs().trigger(List.of(new Triggerer.Request(workflow.name(), input, options))).get(0);
    return new RunHandle<>(id, this, workflow.outputType());
  }

  /** Triggers one run per input in one transaction; all or none are written. Returns handles in input order. */
  @Override
  public List<RunHandle<Object>> triggerAll(String workflowName, List<?> inputs, TriggerOptions options) {
    List<Triggerer.Request> requests = new ArrayList<>(inputs.size());
    for (Object input : inputs) {
      requests.add(new Triggerer.Request(workflowName, input, options));
    }
    return runs().trigger(requests).stream().map(id -> new RunHandle<>(id, this, Object.class)).toList();
  }

  @Override
  public RunView getRun(UUID runId) {
    return runs().get(runId);
  }

  @Override
  public RunView await(UUID runId, Duration timeout) {
    return runs().await(runId, timeout);
  }

  @Override
  public <T> T result(UUID runId, Class<T> type, Duration timeout) {
    return runs().result(runId, type, timeout);
  }

  @Override
  public List<RunEvent> events(UUID runId, long afterSeq, int limit) {
    return runs().events(runId, afterSeq, limit);
  }

  /**
   * Pushes an external event: every step waiting for {@code key} ({@link StepContext#waitForEvent}) gets it, and so
   * does a wait registered up to the event lookback after this push.
   */
  @Override
  public void pushEvent(String key, Object payload) {
    push(EventPush.builder(key).payload(payload).build());
  }

  @Override
  public BulkResult cancelAll(RunQuery query) {
    return runs().cancelAll(Objects.requireNonNull(query, "query"));
  }

  @Override
  public BulkResult replayAll(RunQuery query) {
    return runs().replayAll(Objects.requireNonNull(query, "query"));
  }

  @Override
  public void delete(UUID runId) {
    runs().delete(Objects.requireNonNull(runId, "runId"));
  }

  @Override
  public BulkResult deleteAll(RunQuery query) {
    return runs().deleteAll(Objects.requireNonNull(query, "query"));
  }

  @Override
  public PushedEvent push(EventPush event) {
    return runs().push(Objects.requireNonNull(event, "event"));
  }

  @Override
  public List<PushedEvent> pushedEvents(String key, int limit) {
    return runs().pushedEvents(key, limit);
  }

  /** Workflows started by pushed events (see {@link EventTriggers}); {@code @Workflow(onEvents)} declares some. */
  public EventTriggers eventTriggers() {
    return engine.events();
  }

  @Override
  public CancelResult cancel(UUID runId) {
    return runs().cancel(runId);
  }

  @Override
  public void replay(UUID runId) {
    runs().replay(runId);
  }

  @Override
  public RunPage listRuns(RunQuery query) {
    return runs().list(query);
  }

  /**
   * Streams the run's events (on the engine's event-feed thread, in order); see {@link Runs#watch}. A consumer
   * that throws is unsubscribed and {@code onEnd} is told.
   */
  @Override
  public Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer, Consumer<Throwable> onEnd) {
    return runs().watch(runId, afterSeq, Subscriber.of(consumer, onEnd));
  }

  /** Streams the run's events; see {@link #watch(UUID, long, Consumer, Consumer)}. */
  public Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer) {
    return watch(runId, afterSeq, consumer, failure -> { });
  }

  @Override
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Consumer<RunEvent> consumer,
      Consumer<Throwable> onEnd) {
    return runs().watchRuns(metadata, since, Subscriber.of(consumer, onEnd));
  }

  /** Streams the events of matching runs; see {@link #watchRuns(Map, Instant, Consumer, Consumer)}. */
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Consumer<RunEvent> consumer) {
    return watchRuns(metadata, since, consumer, failure -> { });
  }

  private RunService runs() {
    return engine.runs();
  }

  /**
   * Cron schedules, shared by every node on the database: each tick starts exactly one run. Schedules declared with
   * {@code @Workflow(cron)} appear here too.
   */
  public Schedules schedules() {
    return engine.schedules();
  }

  /** Pausing and resuming workflows, on every node of the database (see {@link Workflows}). */
  public Workflows workflows() {
    return engine.workflows();
  }

  /** Bearer tokens for the gRPC API (stored hashed in this engine's database). */
  public Tokens tokens() {
    return engine.tokens();
  }

  /** The static rate limits steps name with {@link RateLimit} (shared by every node on the database). */
  public RateLimits rateLimits() {
    return engine.rateLimits();
  }

  /**
   * The worker inventory, shared by every node on the database: remote workers connected to any node, the nodes' own
   * slots, and workers gone within the last day (see {@link Workers}).
   */
  public Workers workers() {
    return engine.workers();
  }

  /** The port the gRPC server listens on, once started; -1 without a gRPC server. */
  public int grpcPort() {
    return engine.grpcPort();
  }

  /** Builds a {@link Cairn}. Not thread-safe. */
  public static final class Builder {
    /** Default schema of the engine tables. */
    public static final String DEFAULT_SCHEMA = "cairn";
    /** Default data directory of the embedded PostgreSQL, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of(".cairn", "pgdata");
    public static final int DEFAULT_WORKER_SLOTS = 16;
    public static final int MAX_WORKER_SLOTS = 1024;
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    public static final Duration MIN_LEASE_DURATION = Duration.ofMillis(300);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_LEASE_EXPIRIES = 5;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #build()} waits for an unreachable database by default. */
    public static final Duration DEFAULT_DATABASE_STARTUP_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_EVENT_LOOKBACK = Duration.ofSeconds(60);
    /** How long finished runs are kept by default (Hatchet's default too). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** Largest gRPC message accepted by default: 16 MiB (gRPC's own default of 4 MiB is too small for outputs). */
    public static final int DEFAULT_GRPC_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private DataSource dataSource;
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private Path dataDirectory;
    private String schema = DEFAULT_SCHEMA;
    private int workerSlots = DEFAULT_WORKER_SLOTS;
    private Duration leaseDuration = DEFAULT_LEASE_DURATION;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
    private int maxLeaseExpiries = DEFAULT_MAX_LEASE_EXPIRIES;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private Duration databaseStartupWait = DEFAULT_DATABASE_STARTUP_WAIT;
    private Duration eventLookback = DEFAULT_EVENT_LOOKBACK;
    private Duration retention = DEFAULT_RETENTION;
    private Integer grpcPort;
    private String grpcHost = "0.0.0.0";
    private int grpcMaxMessageBytes = DEFAULT_GRPC_MAX_MESSAGE_BYTES;
    private Path grpcCertificate;
    private Path grpcPrivateKey;
    private String nodeId;
    private MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry;
    private Integer metricsPort;
    private Integer dashboardPort;
    private final List<MetadataLink> dashboardLinks = new ArrayList<>();
    private CairnClock clock;
    private final List<CairnListener> listeners = new ArrayList<>();
    private final List<StepInterceptor> interceptors = new ArrayList<>();
    private final List<WorkflowInstance> workflows = new ArrayList<>();

    private Builder() {}

    /** Use this PostgreSQL data source (the engine does not close it). Default: the embedded database. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** Connect to PostgreSQL at this JDBC URL with a pool the engine owns. Default: the embedded database. */
    public Builder jdbcUrl(String url, String user, String password) {
      this.jdbcUrl = url;
      this.jdbcUser = user;
      this.jdbcPassword = password;
      return this;
    }

    /**
     * Data directory of the embedded PostgreSQL used when neither a data source nor a JDBC URL is given.
     * Default {@link #DEFAULT_DATA_DIRECTORY}; it persists between restarts.
     */
    public Builder embeddedDataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    /** PostgreSQL schema holding the engine tables; created and migrated at build. Default "cairn". */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /** Steps this node runs at once (threads). Default 16, 1..1024. */
    public Builder workerSlots(int slots) {
      this.workerSlots = slots;
      return this;
    }

    /** How long a claimed step stays leased without renewal. Default 30 s, at least 300 ms. */
    public Builder leaseDuration(Duration lease) {
      this.leaseDuration = lease;
      return this;
    }

    /**
     * Slow fallback poll of the queue (and of lost wake-ups) when no wake-up arrives. Default 1 s, at least 10 ms. An
     * idle node doubles the wait after each poll that finds nothing, up to eight intervals, and is back to one at
     * the first wake-up or find.
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /**
     * Interval of the lease sweeper and schedule-timeout reaper (every other interval while they find nothing), of
     * the run-deadline reaper and scheduler (six intervals) and of retention (twelve). Default 5 s.
     */
    public Builder sweepInterval(Duration interval) {
      this.sweepInterval = interval;
      return this;
    }

    /** Expired leases after which a step fails instead of being queued again. Default 5, at least 1. */
    public Builder maxLeaseExpiries(int count) {
      this.maxLeaseExpiries = count;
      return this;
    }

    /** How long {@link Cairn#close()} lets running attempts finish. Default 30 s. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * How long {@link #build()} waits for the database when it cannot be reached (retrying with a growing backoff and
     * logging each try) before it gives up. Default 60 s; zero fails at once.
     */
    public Builder databaseStartupWait(Duration wait) {
      this.databaseStartupWait = wait;
      return this;
    }

    /**
     * How long before a {@link StepContext#waitForEvent} was first registered a pushed event with its key still
     * counts (so a push that races ahead of the wait is not lost). Default 60 s; zero counts only later pushes.
     */
    public Builder eventLookback(Duration lookback) {
      this.eventLookback = lookback;
      return this;
    }

    /**
     * How long finished runs are kept from when they finished before a maintenance loop deletes them (with their
     * steps, events, operations and child runs; pushed events too), unless their workflow has its own period
     * ({@link Workflows#setRetention}, {@code @Workflow(retention)}). Default {@link #DEFAULT_RETENTION};
     * {@link Workflows#KEEP_FOREVER} keeps them. From 1 minute to 100 years.
     */
    public Builder retention(Duration period) {
      this.retention = period;
      return this;
    }

    /**
     * Serves the gRPC API (run and admin services, health, reflection) on {@code port} (0 picks a free port;
     * see {@link Cairn#grpcPort()}). Default: no gRPC server.
     */
    public Builder grpcPort(int port) {
      this.grpcPort = port;
      return this;
    }

    /** Address the gRPC server binds to. Default 0.0.0.0 (all interfaces). */
    public Builder grpcHost(String host) {
      this.grpcHost = host;
      return this;
    }

    /** Largest gRPC message accepted, in bytes; larger ones get RESOURCE_EXHAUSTED. Default 16 MiB. */
    public Builder grpcMaxMessageBytes(int bytes) {
      this.grpcMaxMessageBytes = bytes;
      return this;
    }

    /** Serves gRPC over TLS with this PEM certificate chain and PKCS#8 private key. Default: plain text. */
    public Builder grpcTls(Path certificateChain, Path privateKey) {
      this.grpcCertificate = certificateChain;
      this.grpcPrivateKey = privateKey;
      return this;
    }

    /**
     * This node's id, recorded on every attempt it runs and sent in its notifications to the other nodes: at most
     * 200 characters, no control characters. Default: host name, process id and a random suffix.
     */
    public Builder nodeId(String id) {
      this.nodeId = id;
      return this;
    }

    /**
     * Serves the engine's meters for Prometheus at {@code http://host:port/metrics} once started (0 picks a free port;
     * see {@link Cairn#metricsPort()}); with a {@link #meterRegistry} too, they are recorded in both. Default: not
     * served ({@code CairnServer}: {@code CAIRN_METRICS_PORT}).
     */
    public Builder metricsPort(int port) {
      this.metricsPort = port;
      return this;
    }

    /**
     * Serves the web dashboard (runs, their graph, timeline and live events; workers; schedules) at
     * {@code http://host:port/} once started, on every interface (0 picks a free port; see
     * {@link Cairn#dashboardPort()}). It asks for a CLIENT or ADMIN token of {@link Cairn#tokens()}. Default: not served
     * ({@code CairnServer}: {@code CAIRN_DASHBOARD_PORT}). Beta: the dashboard is new and its settings may change.
     */
    public Builder dashboardPort(int port) {
      this.dashboardPort = port;
      return this;
    }

    /**
     * On the dashboard's page of a run with metadata {@code metadataKey}, a button {@code label} that opens
     * {@code urlTemplate} with the entry's value (percent-encoded) in place of {@code {value}}: the page fetches it
     * with the dashboard's bearer token (the server there must allow the dashboard's origin by CORS) and shows the
     * JSON, or the events as they come for {@code text/event-stream}. The token goes to that URL, so configure only
     * servers that accept Cairn's tokens. Key: a metadata key; label: 1..40 characters; template: an absolute
     * http(s) URL of at most 2,000 characters with {@code {value}} exactly once; at most 16 links. Beta, as the
     * dashboard.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    public Builder dashboardLink(String metadataKey, String label, String urlTemplate) {
      if (dashboardLinks.size() == MetadataLink.MAX_LINKS) {
        throw new IllegalArgumentException("dashboardLink: at most " + MetadataLink.MAX_LINKS + " links");
      }
      dashboardLinks.add(new MetadataLink(metadataKey, label, urlTemplate));
      return this;
    }

    /** Records the engine's meters in this registry. Default: none. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = registry;
      return this;
    }

    /**
     * Where the engine's spans go: a span per run (from its trigger to its end, continuing the trigger's current
     * trace context) and a span per step attempt run here (continuing its run's). Only the OpenTelemetry API is
     * used; the application brings the SDK and exporter. Default: the {@link GlobalOpenTelemetry} set when this
     * is built (the Java agent sets it before {@code main}), else none (spans cost nothing; trace context still
     * travels from triggers to steps).
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * A worker label of this node's own slots ({@code pool=cpu-heavy}): steps that require a label this node lacks
     * are left to workers that have it. Keys 1..100 characters, values 1..200, at most 64 labels.
     */
    public Builder label(String key, String value) {
      labels.put(Text.name("label key", key, 100), Text.name("label value", value, 200));
      if (labels.size() > 64) {
        throw new IllegalArgumentException("at most 64 labels, got " + labels.size());
      }
      return this;
    }

    /** Wraps every step this node runs (in the order added): tracing, logging context, stubs in tests. */
    public Builder interceptor(StepInterceptor interceptor) {
      this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * The clock the engine reads time from (deadlines, timers, and "now" in its SQL). Default: the system clock,
     * with the database's clock in SQL. The test kit's clock moves only when told to.
     */
    public Builder clock(CairnClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(CairnListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Registers workflow instances (classes annotated {@link Workflow}); validated at {@link #build()}. */
    public Builder register(Object... workflowInstances) {
      for (Object workflow : workflowInstances) {
        workflows.add(WorkflowInstance.of(workflow));
      }
      return this;
    }

    /**
     * Registers a workflow whose definition (the {@link Workflow} and {@link Step} annotations) is read from
     * {@code definitionClass}, a class of {@code instance}: for an instance of a subclass generated at run time, such
     * as a Spring CGLIB proxy, pass the class it was generated from. Step methods are invoked on {@code instance}, so
     * the subclass still intercepts them. Validated at {@link #build()}.
     */
    public Builder register(Class<?> definitionClass, Object instance) {
      workflows.add(new WorkflowInstance(definitionClass, instance));
      return this;
    }

    /**
     * Validates the settings and the workflow definitions, opens the database (starting the embedded one if
     * none was given) and migrates the schema.
     *
     * @throws IllegalArgumentException naming the setting and its bad value
     * @throws DefinitionException naming the class, method and problem of a bad workflow
     */
    public Cairn build() {
      if (dataSource != null && jdbcUrl != null) {
        throw new IllegalArgumentException("dataSource and jdbcUrl are both set; choose one");
      }
      require(workerSlots >= 1 && workerSlots <= MAX_WORKER_SLOTS, "workerSlots", workerSlots);
      require(leaseDuration != null && leaseDuration.compareTo(MIN_LEASE_DURATION) >= 0, "leaseDuration",
          leaseDuration);
      require(pollInterval != null && pollInterval.compareTo(MIN_POLL_INTERVAL) >= 0, "pollInterval", pollInterval);
      require(sweepInterval != null && !sweepInterval.isNegative() && !sweepInterval.isZero(), "sweepInterval",
          sweepInterval);
      require(maxLeaseExpiries >= 1, "maxLeaseExpiries", maxLeaseExpiries);
      require(shutdownTimeout != null && !shutdownTimeout.isNegative(), "shutdownTimeout", shutdownTimeout);
      require(databaseStartupWait != null && !databaseStartupWait.isNegative(), "databaseStartupWait",
          databaseStartupWait);
      require(eventLookback != null && !eventLookback.isNegative(), "eventLookback", eventLookback);
      if (nodeId != null) {
        try {
          Text.name("nodeId", nodeId);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage() + " (see Cairn.Builder.nodeId)");
        }
      }
      try {
        Lifecycle.checkRetention("retention", retention);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " (see Cairn.Builder.retention)");
      }
      require(grpcPort == null || grpcPort >= 0 && grpcPort <= 65535, "grpcPort", grpcPort);
      require(grpcMaxMessageBytes >= 1024, "grpcMaxMessageBytes", grpcMaxMessageBytes);
      require(metricsPort == null || metricsPort >= 0 && metricsPort <= 65535, "metricsPort", metricsPort);
      require(dashboardPort == null || dashboardPort >= 0 && dashboardPort <= 65535, "dashboardPort", dashboardPort);
      PrometheusMeterRegistry prometheus = metricsPort == null ? null
          : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      MeterRegistry meters = prometheus == null ? meterRegistry : meterRegistry == null ? prometheus
          : new CompositeMeterRegistry().add(meterRegistry).add(prometheus);
      require((grpcCertificate == null) == (grpcPrivateKey == null), "grpcTls", grpcCertificate);
      GrpcServer.Settings grpc = grpcPort == null ? null
          : new GrpcServer.Settings(grpcHost, grpcPort, grpcMaxMessageBytes, grpcCertificate, grpcPrivateKey);
      Path embedded = dataSource == null && jdbcUrl == null
          ? (dataDirectory == null ? DEFAULT_DATA_DIRECTORY : dataDirectory) : null;
      String node = nodeId != null ? nodeId : ManagementFactory.getRuntimeMXBean().getName() + "-"
          + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
      return new Cairn(new Engine(new EngineConfig(
          new DatabaseSettings(dataSource, jdbcUrl, jdbcUser, jdbcPassword, embedded, schema, databaseStartupWait),
          new NodeSettings(node, workerSlots, leaseDuration, pollInterval, sweepInterval, maxLeaseExpiries,
              shutdownTimeout, eventLookback, labels, retention),
          grpc, meters, List.copyOf(listeners), List.copyOf(workflows), List.copyOf(interceptors),
          clock != null ? clock : new SystemClock(),
          openTelemetry != null ? openTelemetry : GlobalOpenTelemetry.getOrNoop())), prometheus, metricsPort,
          dashboardPort, List.copyOf(dashboardLinks));
    }

    private static void require(boolean valid, String field, Object value) {
      if (!valid) {
        throw new IllegalArgumentException(field + " is invalid: " + value + " (see Cairn.Builder." + field + ")");
      }
    }
  }
}
