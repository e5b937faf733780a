package dev.cairn.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.CairnListener;
import dev.cairn.RunStatus;
import dev.cairn.db.CairnSchema;
import dev.cairn.db.Store;
import dev.cairn.internal.client.RunReader;
import dev.cairn.internal.client.RunWaiters;
import dev.cairn.internal.client.Triggerer;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.completion.Channels;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.CompletionSignals;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.client.EventFeed;
import dev.cairn.internal.composition.Composition;
import dev.cairn.internal.maintenance.Waker;
import dev.cairn.internal.definition.DefinitionScanner;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.dispatch.Dispatcher;
import dev.cairn.internal.dispatch.LeaseKeeper;
import dev.cairn.internal.maintenance.LeaseSweeper;
import dev.cairn.internal.maintenance.OrphanReconciler;
import dev.cairn.internal.maintenance.ScheduleTimeoutReaper;
import dev.cairn.internal.metrics.Listeners;
import dev.cairn.internal.metrics.MicrometerListener;
import dev.cairn.internal.notify.Notifier;
import dev.cairn.internal.service.BackgroundLoop;
import dev.cairn.internal.service.DatabaseStartup;
import dev.cairn.internal.service.EmbeddedDatabase;
import dev.cairn.internal.validate.JsonText;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one engine node: the database, the store, the completer, the dispatcher and the background loops, and
 * starts and stops them in order. The public {@link dev.cairn.Cairn} delegates here. Thread-safe.
 */
public final class Engine implements AutoCloseable {
  /** Longest event key, in characters. */
  public static final int MAX_EVENT_KEY_LENGTH = 255;
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final EngineConfig config;
  private final EmbeddedDatabase embedded;
  private final HikariDataSource ownPool;
  private final Store store;
  private final PayloadCodec codec = new PayloadCodec();
  private final WorkflowRegistry registry = new WorkflowRegistry();
  private final CairnListener listener;
  private final Completer completer;
  private final Dispatcher dispatcher;
  private final Notifier notifier;
  private final List<BackgroundLoop> loops = new ArrayList<>();
  private final RunReader reader;
  private final RunWaiters waiters;
  private final Triggerer triggerer;
  private final EventFeed eventFeed;
  private final Composition composition;
  private final java.util.concurrent.ScheduledExecutorService wakeTimer;
  private final Channels channels;
  private final dev.cairn.internal.auth.TokenService tokens;
  private final dev.cairn.internal.grpc.GrpcServer grpcServer;
  private final dev.cairn.internal.grpc.WorkerSessions workerSessions = new dev.cairn.internal.grpc.WorkerSessions();
  private final Thread shutdownHook;
  private volatile boolean started;
  private volatile boolean closed;

  public Engine(EngineConfig config) {
    this.config = config;
    DefinitionScanner scanner = new DefinitionScanner(codec);
    for (Object workflow : config.workflows()) {
      registry.add(scanner.scan(workflow));
    }
    this.embedded = config.embeddedDataDirectory() == null ? null
        : EmbeddedDatabase.start(config.embeddedDataDirectory());
    DataSource dataSource;
    if (config.dataSource() != null) {
      this.ownPool = null;
      dataSource = config.dataSource();
    } else {
      this.ownPool = pool(embedded != null ? embedded.jdbcUrl() : config.jdbcUrl(),
          embedded != null ? "postgres" : config.jdbcUser(), embedded != null ? "postgres" : config.jdbcPassword(),
          config.workerSlots());
      dataSource = ownPool;
    }
    try {
      DatabaseStartup.run("migrating schema " + config.schema(), config.databaseStartupWait(),
          () -> CairnSchema.migrate(dataSource, config.schema()));
    } catch (RuntimeException e) {
      closeDatabase();
      throw e;
    }
    if (embedded != null) {
      // The embedded database stops only after the engine has drained (see close()), also when the JVM exits.
      this.shutdownHook = new Thread(this::close, "cairn-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      this.shutdownHook = null;
    }
    this.store = new Store(dataSource, config.schema());
    this.channels = new Channels(config.schema());
    List<CairnListener> listeners = new ArrayList<>(config.listeners());
    this.reader = new RunReader(store, codec);
    this.waiters = new RunWaiters(reader, config.pollInterval());
    Dispatcher[] dispatcherRef = new Dispatcher[1];
    if (config.meterRegistry() != null) {
      listeners.add(new MicrometerListener(config.meterRegistry(), store::stepCountQueued,
          () -> dispatcherRef[0] == null ? 0 : dispatcherRef[0].freeSlots()));
    }
    this.listener = new Listeners(listeners);
    this.eventFeed = new EventFeed(store, codec, config.pollInterval());
    this.wakeTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
      Thread timer = new Thread(task, "cairn-wake-timer");
      timer.setDaemon(true);
      return timer;
    });
    this.completer = new Completer(store, codec, config.maxLeaseExpiries(), channels, signals(), registry::get);
    this.triggerer = new Triggerer(store, codec, registry, channels, queued -> {
      listener.stepsQueued(queued);
      wakeDispatcher();
      eventFeed.wake();
    });
    this.composition = new Composition(
        new dev.cairn.internal.composition.LocalComposition(store, triggerer, registry), codec, config.eventLookback());
    this.dispatcher = registry.isEmpty() ? null : new Dispatcher(store, completer, registry, codec,
        new Dispatcher.Settings(config.nodeId(), config.workerSlots(), config.leaseDuration(), config.pollInterval(),
            config.shutdownTimeout(), channels.events()),
        () -> ThreadLocalRandom.current().nextDouble(), listener, composition);
    dispatcherRef[0] = dispatcher;
    this.notifier = new Notifier(dataSource, Map.of(
        channels.wake(), payload -> wakeDispatcher(),
        channels.runs(), payload -> waiters.finished(parseIds(payload)),
        channels.events(), payload -> eventFeed.wake(),
        channels.cancels(), payload -> interruptSteps(payload)), () -> {
          wakeDispatcher();
          waiters.wakeAll();
          eventFeed.wake();
        });
    if (dispatcher != null) {
      loops.add(new LeaseKeeper(store, dispatcher, config.leaseDuration()));
    }
    loops.add(new LeaseSweeper(store, completer, config.sweepInterval()));
    loops.add(new ScheduleTimeoutReaper(store, completer, config.sweepInterval()));
    this.tokens = new dev.cairn.internal.auth.TokenService(store.tokens(), java.time.Clock.systemUTC());
    registry.remoteLookup(name -> store.definitions().definitionGetCurrent(name).map(bytes -> {
      try {
        return dev.cairn.internal.grpc.RemoteDefinitions.fromProto(
            dev.cairn.proto.v1.WorkflowDefinition.parseFrom(bytes));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException("stored definition of workflow " + name + " is unreadable", e);
      }
    }));
    this.grpcServer = config.grpc() == null ? null
        : new dev.cairn.internal.grpc.GrpcServer(this, tokens, config.grpc(),
            dev.cairn.internal.grpc.GrpcServer.workerService(this, workerSessions, wakeTimer, config.leaseDuration(),
                config.pollInterval()));
    loops.add(new Waker(store, completer, config.pollInterval()));
    loops.add(new OrphanReconciler(store, completer, config.sweepInterval().multipliedBy(6), Duration.ofSeconds(10)));
  }

  private static HikariDataSource pool(String url, String user, String password, int slots) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(Math.max(8, Math.min(32, slots / 4 + 6)));
    hikari.setPoolName("cairn");
    // Start without the database (the engine waits for it) and answer "unavailable" within seconds, not 30.
    hikari.setInitializationFailTimeout(-1);
    hikari.setConnectionTimeout(5_000);
    return new HikariDataSource(hikari);
  }

  private CompletionSignals signals() {
    return new CompletionSignals() {
      @Override
      public void stepsQueued(int count, long delayMillis) {
        listener.stepsQueued(count);
        if (dispatcher != null) {
          if (delayMillis <= 0) {
            dispatcher.wake();
          } else {
            dispatcher.wakeAfter(delayMillis);
          }
        }
      }

      @Override
      public void runsFinished(Map<UUID, RunStatus> runs, Map<UUID, String> workflowOfRun) {
        waiters.finished(runs.keySet());
        runs.forEach((id, status) -> listener.runFinished(workflowOfRun.get(id), status));
      }

      @Override
      public void leasesExpired(List<UUID> runIds) {
        runIds.forEach(listener::leaseExpired);
      }

      @Override
      public void stepsCancelled(List<Long> stepIds) {
        if (dispatcher != null) {
          dispatcher.interruptSteps(stepIds);
        }
        workerSessions.cancelled(stepIds);
      }

      @Override
      public void eventsAppended() {
        eventFeed.wake();
      }

      @Override
      public void wakeAt(StepOutcome.Wake wake, java.time.Instant at) {
        long delay = Math.max(0, java.time.Duration.between(java.time.Instant.now(), at).toMillis());
        if (!closed) {
          wakeTimer.schedule(() -> completer.submit(wake), delay, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
      }
    };
  }

  private static List<UUID> parseIds(String payload) {
    List<UUID> ids = new ArrayList<>();
    for (String id : payload.split(",")) {
      if (!id.isEmpty()) {
        ids.add(UUID.fromString(id));
      }
    }
    return ids;
  }

  private void interruptSteps(String payload) {
    List<Long> ids = new ArrayList<>();
    for (String id : payload.split(",")) {
      if (!id.isEmpty()) {
        ids.add(Long.parseLong(id));
      }
    }
    if (dispatcher != null) {
      dispatcher.interruptSteps(ids);
    }
    workerSessions.cancelled(ids);
  }

  /**
   * Stores a pushed event and wakes the steps waiting for its key. {@code payload} is any value the codec encodes,
   * or {@link dev.cairn.internal.codec.RawJson} text from a caller.
   *
   * @throws IllegalArgumentException if the key is not an identifier of at most {@link #MAX_EVENT_KEY_LENGTH}
   *     characters or the payload is not storable JSON (nothing is stored)
   */
  public void pushEvent(String key, Object payload) {
    Text.name("event key", key, MAX_EVENT_KEY_LENGTH);
    String json = JsonText.checkWritten("event payload", codec.encode(payload));
    store.composition().pushedEventInsert(key, json);
    for (dev.cairn.db.AttemptRef waiting : store.composition().stepFindWaitingForEvent(key)) {
      completer.submit(new StepOutcome.Wake(waiting.id(), waiting.runId()));
    }
  }

  /** Cancels an unfinished run; see {@link dev.cairn.Cairn#cancel}. */
  public dev.cairn.CancelResult cancel(UUID runId) {
    RunStatus status = reader.status(runId).orElseThrow(() -> new dev.cairn.CairnException("no run with id " + runId));
    if (status.isFinal()) {
      return dev.cairn.CancelResult.ALREADY_FINISHED;
    }
    return completer.submitAndWait(new StepOutcome.Cancel(runId), java.time.Duration.ofSeconds(30))
        ? dev.cairn.CancelResult.CANCELLED : dev.cairn.CancelResult.ALREADY_FINISHED;
  }

  /** Replays a failed or cancelled run; see {@link dev.cairn.Cairn#replay}. */
  public void replay(UUID runId) {
    RunStatus status = reader.status(runId).orElseThrow(() -> new dev.cairn.CairnException("no run with id " + runId));
    if (status != RunStatus.FAILED && status != RunStatus.CANCELLED) {
      throw new IllegalStateException("run " + runId + " is " + status + ": only a failed or cancelled run can be"
          + " replayed");
    }
    if (!completer.submitAndWait(new StepOutcome.Replay(runId), java.time.Duration.ofSeconds(30))) {
      throw new IllegalStateException("run " + runId + " was not replayed: it is no longer failed or cancelled");
    }
    wakeDispatcher();
  }

  /** The JDBC URL of the embedded database, or null when the engine was given a database. */
  public String embeddedJdbcUrl() {
    return embedded == null ? null : embedded.jdbcUrl();
  }

  public dev.cairn.internal.auth.TokenService tokens() {
    return tokens;
  }

  /** The port the gRPC server listens on; -1 without one. */
  public int grpcPort() {
    return grpcServer == null || !started ? -1 : grpcServer.port();
  }

  public Composition composition() {
    return composition;
  }

  /** The event lookback of this engine (sent to workers, whose event waits use it). */
  public java.time.Duration eventLookback() {
    return config.eventLookback();
  }

  public Channels channels() {
    return channels;
  }

  public EventFeed eventFeed() {
    return eventFeed;
  }

  private void wakeDispatcher() {
    if (dispatcher != null) {
      dispatcher.wake();
    }
    workerSessions.wakeAll();
  }

  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("engine is closed");
    }
    if (started) {
      return;
    }
    started = true;
    completer.start();
    notifier.start();
    eventFeed.start();
    if (dispatcher != null) {
      dispatcher.start();
    }
    loops.forEach(BackgroundLoop::start);
    if (grpcServer != null) {
      grpcServer.start();
    }
    log.info("cairn node {} started: schema {}, {} slots, workflows {}", config.nodeId(), config.schema(),
        config.workerSlots(), registry.names());
  }

  public Triggerer triggerer() {
    return triggerer;
  }

  public RunReader reader() {
    return reader;
  }

  public RunWaiters waiters() {
    return waiters;
  }

  public WorkflowRegistry registry() {
    return registry;
  }

  public PayloadCodec codec() {
    return codec;
  }

  /** Internal access for tests and tools in this module. */
  public Store store() {
    return store;
  }

  public Completer completer() {
    return completer;
  }

  /**
   * Stops in order: intake first (no new gRPC calls, worker streams closed so their workers reconnect to another
   * node with their leases intact, no new claims), then this node's running attempts (finished within the shutdown
   * timeout or handed back to the queue), then gRPC, the background loops, the completer (which writes what is
   * pending), and the database last.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("cairn node {} stopping", config.nodeId());
    if (grpcServer != null) {
      grpcServer.stopIntake();
      workerSessions.closeAll("the engine node is shutting down; reconnect to another node");
    }
    if (dispatcher != null) {
      dispatcher.stop();
    }
    if (grpcServer != null) {
      grpcServer.stop();
    }
    loops.forEach(BackgroundLoop::stop);
    completer.stop();
    wakeTimer.shutdownNow();
    eventFeed.stop();
    notifier.stop();
    closeDatabase();
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook runs and finds the engine closed
      }
    }
    log.info("cairn node {} stopped", config.nodeId());
  }

  private void closeDatabase() {
    if (ownPool != null) {
      ownPool.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
