package dev.cairn;

import dev.cairn.internal.Engine;
import dev.cairn.internal.EngineConfig;
import dev.cairn.internal.client.Subscriber;
import dev.cairn.internal.client.Triggerer;
import dev.cairn.internal.definition.WorkflowDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * An engine node embedded in this process: build one with {@link #builder()}, {@link #start()} it, trigger and
 * watch runs, and {@link #close()} it. Thread-safe.
 *
 * <pre>{@code
 * try (Cairn cairn = Cairn.builder().register(new Checkout(payments)).build()) {
 *   cairn.start();
 *   Receipt receipt = cairn.trigger(Checkout.class, order).result(Receipt.class, Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class Cairn implements AutoCloseable {
  private final Engine engine;

  private Cairn(Engine engine) {
    this.engine = engine;
  }

  /** For same-package test access only. */
  Engine engine() {
    return engine;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts running steps of the registered workflows (and the maintenance loops). Idempotent. */
  public void start() {
    engine.start();
  }

  /**
   * Stops gracefully: no new step is claimed; running attempts get up to the shutdown timeout to finish, then
   * are interrupted and handed back to the queue; everything reported is written. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  /** Triggers a run of the workflow named {@code workflowName} with no options. */
  public RunHandle trigger(String workflowName, Object input) {
    return trigger(workflowName, input, TriggerOptions.NONE);
  }

  /**
   * Triggers a run. Nothing is written when the workflow is unknown or the input does not fit its input type.
   *
   * @throws IllegalArgumentException if the workflow name is not a name (1..200 characters, no control
   *     characters) or the input holds a string the database cannot store (U+0000)
   * @throws CairnException naming what was wrong otherwise
   */
  public RunHandle trigger(String workflowName, Object input, TriggerOptions options) {
    Objects.requireNonNull(options, "options");
    UUID id = engine.triggerer().triggerAll(List.of(new Triggerer.Request(workflowName, input, options))).get(0);
    return new RunHandle(id, this);
  }

  /** Triggers a run of the registered workflow class. */
  public RunHandle trigger(Class<?> workflowClass, Object input) {
    return trigger(workflowClass, input, TriggerOptions.NONE);
  }

  public RunHandle trigger(Class<?> workflowClass, Object input, TriggerOptions options) {
    return trigger(engine.registry().get(workflowClass).name(), input, options);
  }

  /**
   * Triggers one run per input (at most 1000) in one transaction; all or none are written. Returns handles in input
   * order. A refusal names the entry ({@code runs[3]: input ...}).
   */
  public List<RunHandle> triggerAll(String workflowName, List<?> inputs, TriggerOptions options) {
    List<Triggerer.Request> requests = new ArrayList<>(inputs.size());
    for (Object input : inputs) {
      requests.add(new Triggerer.Request(workflowName, input, options));
    }
    return engine.triggerer().triggerAll(requests).stream().map(id -> new RunHandle(id, this)).toList();
  }

  /** @throws CairnException if there is no such run */
  public RunView getRun(UUID runId) {
    return engine.reader().get(runId);
  }

  /** Waits until the run is final and returns it. @throws CairnException on timeout */
  public RunView await(UUID runId, Duration timeout) {
    return engine.waiters().await(runId, timeout);
  }

  /**
   * Waits for the run and returns its terminal step's output as {@code type}.
   *
   * @throws RunFailedException if the run failed or was cancelled
   * @throws IllegalStateException if the workflow has several terminal steps (use {@link RunView#output})
   */
  public <T> T result(UUID runId, Class<T> type, Duration timeout) {
    RunView run = await(runId, timeout);
    if (run.status() != RunStatus.SUCCEEDED) {
      throw new RunFailedException(runId, run.status(), run.error());
    }
    WorkflowDefinition workflow = engine.registry().get(run.workflowName());
    List<String> terminal = workflow.terminalSteps().stream().map(step -> step.name()).toList();
    if (terminal.size() != 1) {
      throw new IllegalStateException("workflow " + workflow.name() + " has " + terminal.size()
          + " terminal steps " + terminal + "; read one with RunView.output(step, type)");
    }
    return run.output(terminal.get(0), type);
  }

  /** Events of the run with a sequence number above {@code afterSeq}, in order, at most {@code limit} (1..1000). */
  public List<RunEvent> events(UUID runId, long afterSeq, int limit) {
    return engine.reader().events(runId, afterSeq, limit);
  }

  /**
   * Pushes an external event: every step waiting for {@code key} ({@link StepContext#waitForEvent}) gets it, and so
   * does a wait registered up to the event lookback after this push.
   *
   * @throws IllegalArgumentException if the key is not a name of 1..255 characters without control characters, or
   *     the payload holds a string the database cannot store (U+0000); nothing is stored
   */
  public void pushEvent(String key, Object payload) {
    engine.pushEvent(key, payload);
  }

  /**
   * Cancels a run: its queued and waiting steps are cancelled, running attempts are interrupted (their results
   * refused), its unfinished child runs are cancelled, and it ends CANCELLED. A finished run is left as it is.
   *
   * @throws CairnException if there is no such run
   */
  public CancelResult cancel(UUID runId) {
    return engine.cancel(runId);
  }

  /**
   * Replays a failed or cancelled run with the code registered now: its failed, cancelled and skipped steps (and
   * its failed or cancelled child runs) run again; succeeded steps keep their checkpoints and do not run again.
   *
   * @throws IllegalStateException if the run is not failed or cancelled
   * @throws CairnException if there is no such run, or the workflow's steps changed since the run started
   */
  public void replay(UUID runId) {
    engine.replay(runId);
  }

  /**
   * One page of runs, newest first, filtered by workflow, status, metadata and creation time.
   *
   * @throws IllegalArgumentException if the page token is not one a previous page returned
   */
  public RunPage listRuns(RunQuery query) {
    return engine.reader().list(query);
  }

  /**
   * Streams the run's events with a sequence number above {@code afterSeq}, then new ones as they are appended,
   * to {@code consumer} (on the engine's event-feed thread, in order). To resume after a disconnect, subscribe
   * again with the last sequence number received: no event is skipped or repeated.
   */
  public Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer) {
    return watch(runId, afterSeq, consumer, error -> { });
  }

  /**
   * As {@link #watch(UUID, long, Consumer)}; {@code onFailure} is told, once, if the engine closes the
   * subscription because {@code consumer} threw or reading its events kept failing (no other subscription is
   * affected by either).
   */
  public Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer, Consumer<Throwable> onFailure) {
    return engine.eventFeed().watch(runId, afterSeq, Subscriber.of(consumer, onFailure));
  }

  /**
   * Streams the events of every run created at or after {@code since} whose metadata contain all of
   * {@code metadata}, from each run's first event, then live.
   *
   * @throws IllegalArgumentException if the filter cannot be run (metadata as {@link TriggerOptions#metadata()}
   *     allows, {@code since} within years 1..9999); nothing is subscribed
   */
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Consumer<RunEvent> consumer) {
    return watchRuns(metadata, since, consumer, error -> { });
  }

  /**
   * As {@link #watchRuns(Map, Instant, Consumer)}, with {@code onFailure} as in
   * {@link #watch(UUID, long, Consumer, Consumer)}.
   */
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Consumer<RunEvent> consumer,
      Consumer<Throwable> onFailure) {
    return engine.eventFeed().watchRuns(metadata, since, Subscriber.of(consumer, onFailure));
  }

  /** Bearer tokens for the gRPC API (stored hashed in this engine's database). */
  public Tokens tokens() {
    return engine.tokens();
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
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private Duration databaseStartupWait = DEFAULT_DATABASE_STARTUP_WAIT;
    private Duration eventLookback = DEFAULT_EVENT_LOOKBACK;
    private Integer grpcPort;
    private String grpcHost = "0.0.0.0";
    private int grpcMaxMessageBytes = DEFAULT_GRPC_MAX_MESSAGE_BYTES;
    private Path grpcCertificate;
    private Path grpcPrivateKey;
    private String nodeId;
    private MeterRegistry meterRegistry;
    private final List<CairnListener> listeners = new ArrayList<>();
    private final List<Object> workflows = new ArrayList<>();

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

    /** Slow fallback poll of the queue when no wake-up arrives. Default 1 s, at least 10 ms. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /** Interval of the lease sweeper and schedule-timeout reaper. Default 5 s. */
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

    /** This node's id, recorded on every attempt it runs. Default: host name, process id and a random suffix. */
    public Builder nodeId(String id) {
      this.nodeId = id;
      return this;
    }

    /** Records the engine's meters in this registry. Default: none. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = registry;
      return this;
    }

    public Builder listener(CairnListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Registers workflow instances (classes annotated {@link Workflow}); validated at {@link #build()}. */
    public Builder register(Object... workflowInstances) {
      for (Object workflow : workflowInstances) {
        workflows.add(Objects.requireNonNull(workflow, "workflow"));
      }
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
      require(grpcPort == null || grpcPort >= 0 && grpcPort <= 65535, "grpcPort", grpcPort);
      require(grpcMaxMessageBytes >= 1024, "grpcMaxMessageBytes", grpcMaxMessageBytes);
      require((grpcCertificate == null) == (grpcPrivateKey == null), "grpcTls", grpcCertificate);
      dev.cairn.internal.grpc.GrpcServer.Settings grpc = grpcPort == null ? null
          : new dev.cairn.internal.grpc.GrpcServer.Settings(grpcHost, grpcPort, grpcMaxMessageBytes, grpcCertificate,
              grpcPrivateKey);
      Path embedded = dataSource == null && jdbcUrl == null
          ? (dataDirectory == null ? DEFAULT_DATA_DIRECTORY : dataDirectory) : null;
      String node = nodeId != null ? nodeId : ManagementFactory.getRuntimeMXBean().getName() + "-"
          + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
      return new Cairn(new Engine(new EngineConfig(dataSource, jdbcUrl, jdbcUser, jdbcPassword, embedded, schema,
          workerSlots, leaseDuration, pollInterval, sweepInterval, maxLeaseExpiries, shutdownTimeout, databaseStartupWait, eventLookback, grpc, node,
          meterRegistry, List.copyOf(listeners), List.copyOf(workflows))));
    }

    private static void require(boolean valid, String field, Object value) {
      if (!valid) {
        throw new IllegalArgumentException(field + " is invalid: " + value + " (see Cairn.Builder." + field + ")");
      }
    }
  }
}
