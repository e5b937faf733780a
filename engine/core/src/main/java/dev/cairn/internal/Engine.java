package dev.cairn.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.CairnClock;
import dev.cairn.CairnListener;
import dev.cairn.DefinitionException;
import dev.cairn.db.Notification;
import dev.cairn.db.Store;
import dev.cairn.internal.auth.TokenService;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.completion.Channels;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.definition.DefinitionScanner;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.dispatch.AttemptTracker;
import dev.cairn.internal.dispatch.Dispatcher;
import dev.cairn.internal.dispatch.LeaseKeeper;
import dev.cairn.internal.dispatch.LocalSlots;
import dev.cairn.internal.durable.LocalComposition;
import dev.cairn.internal.execution.AttemptTracing;
import dev.cairn.internal.execution.Composition;
import dev.cairn.internal.flow.RateLimitService;
import dev.cairn.internal.grpc.GrpcServer;
import dev.cairn.internal.grpc.GrpcWorkerService;
import dev.cairn.internal.grpc.WorkerSessions;
import dev.cairn.internal.inventory.InventoryHeartbeat;
import dev.cairn.internal.inventory.WorkerInventory;
import dev.cairn.internal.maintenance.FlowSweep;
import dev.cairn.internal.maintenance.LeaseSweeper;
import dev.cairn.internal.maintenance.OrphanReconciler;
import dev.cairn.internal.maintenance.RetentionSweeper;
import dev.cairn.internal.maintenance.RunDeadlineReaper;
import dev.cairn.internal.maintenance.ScheduleTimeoutReaper;
import dev.cairn.internal.maintenance.Waker;
import dev.cairn.internal.metrics.Listeners;
import dev.cairn.internal.metrics.MicrometerListener;
import dev.cairn.internal.notify.Announcer;
import dev.cairn.internal.notify.Notifier;
import dev.cairn.internal.runs.EventFeed;
import dev.cairn.internal.runs.EventRouter;
import dev.cairn.internal.runs.RunReader;
import dev.cairn.internal.runs.RunRetention;
import dev.cairn.internal.runs.RunService;
import dev.cairn.internal.runs.RunWaiters;
import dev.cairn.internal.runs.RunSpans;
import dev.cairn.internal.runs.Triggerer;
import dev.cairn.internal.runs.WorkflowControls;
import dev.cairn.internal.schedule.Declarations;
import dev.cairn.internal.schedule.ScheduleService;
import dev.cairn.internal.schedule.Scheduler;
import dev.cairn.internal.service.BackgroundLoop;
import dev.cairn.internal.time.DrivenClock;
import dev.cairn.internal.wire.RemoteDefinitions;
import dev.cairn.proto.v1.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one engine node, each service with its own collaborators, and starts and stops them in order: a reader can
 * follow a run from {@link RunService} (trigger) through the {@link Dispatcher} and {@link AttemptTracker} (claim,
 * run, time) to the {@link Completer} (checkpoint). The public {@link dev.cairn.Cairn} delegates here. Thread-safe.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);
  /** The least time between two announcements of this node's commits to the others (see {@link Announcer}). */
  private static final Duration ANNOUNCEMENT_SPACING = Duration.ofMillis(10);

  private final EngineConfig config;
  private final EngineDatabase database;
  private final Store store;
  private final CairnClock clock;
  private final NodeTimeline timeline;
  private final RateLimitService rateLimits;
  private final WorkflowRegistry registry = new WorkflowRegistry();
  private final Completer completer;
  private final AttemptTracker tracker;
  private final Dispatcher dispatcher;
  private final LocalSlots localSlots;
  private final EventFeed feed;
  private final RunWaiters waiters;
  private final RunService runs;
  private final ScheduleService schedules;
  private final EventRouter events;
  private final WorkflowControls workflows;
  private final RunRetention retention;
  private final Notifier notifier;
  private final Announcer announcer;
  private final TokenService tokens;
  private final WorkerInventory inventory;
  private final WorkerSessions workerSessions;
  private final GrpcServer grpcServer;
  private final List<BackgroundLoop> loops = new ArrayList<>();
  private final RunDeadlineReaper deadlines;
  private final Declarations declarations;
  private final Declarations.Declared declared;
  private final Thread shutdownHook;
  private final RunSpans runSpans;
  /** The inventory session of this node's own slots. */
  private final String localSessionId = UUID.randomUUID().toString();
  private volatile boolean started;
  private volatile boolean closed;

  public Engine(EngineConfig config) {
    this.config = config;
    this.clock = config.clock();
    NodeSettings node = config.node();
    PayloadCodec codec = new PayloadCodec();
    DefinitionScanner scanner = new DefinitionScanner(codec);
    config.workflows().forEach(workflow -> registry.add(scanner.scan(workflow)));
    this.declared = declared(registry);
    this.database = new EngineDatabase(config.database(), node.workerSlots());
    this.shutdownHook = database.isEmbedded() ? new Thread(this::close, "cairn-shutdown") : null;
    if (shutdownHook != null) {
      // The embedded database stops only after the engine has drained (see close()), also when the JVM exits.
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    this.store = new Store(database.dataSource(), config.database().schema(), config.clock()::sqlNow);
    Channels channels = new Channels(config.database().schema(), node.nodeId());
    registry.remoteLookup(this::storedDefinition);
    CairnListener listener = listener(config);
    NodeSignals signals = new NodeSignals(listener, clock);
    this.completer = new Completer(store, codec, node.maxLeaseExpiries(), channels, signals, registry::get);
    this.deadlines = new RunDeadlineReaper(store, completer, clock, node.sweepInterval().multipliedBy(6));
    this.tracker = new AttemptTracker(completer, store, clock, node.lease(),
        () -> ThreadLocalRandom.current().nextDouble(), listener);
    this.feed = new EventFeed(store, codec, node.pollInterval());
    this.announcer = new Announcer(store, channels, ANNOUNCEMENT_SPACING);
    this.dispatcher = new Dispatcher(store, tracker, registry, completer, clock,
        new Dispatcher.Settings(node.lease(), node.pollInterval()), listener, this::eventsAppended);
    RunReader reader = new RunReader(store, codec, registry);
    this.waiters = new RunWaiters(reader, node.pollInterval());
    this.runSpans = new RunSpans(config.openTelemetry(), reader::status);
    completer.leaseLocallyWith(dispatcher);
    Triggerer triggerer = new Triggerer(store, codec, clock, registry, channels, dispatcher,
        new Triggerer.QueuedSignal() {
          @Override
          public void queued(int steps, int leasedHere) {
            listener.stepsQueued(steps);
            if (steps > leasedHere) {
              wakeDispatchers();
            }
          }

          @Override
          public void eventsAppended() {
            Engine.this.eventsAppended();
          }

          @Override
          public void dueAt(Instant at) {
            dispatcher.wakeAfter(Duration.between(clock.now(), at));
          }

          @Override
          public void deadlineAt(Instant at) {
            deadlines.wakeAt(at);
          }
        }, runSpans);
    triggerer.expectRunsWith(waiters::expect);
    triggerer.cancelWith((run, reason) -> completer.submit(new StepOutcome.Cancel(run, reason)));
    this.retention = new RunRetention(store, reader, node.retention());
    this.workflows = new WorkflowControls(store.pauses(), registry, new Notification(channels.wake(), channels.sender()),
        this::wakeDispatchers, retention);
    this.schedules = new ScheduleService(store, codec, triggerer,
        (run, reason) -> completer.submit(new StepOutcome.Cancel(run, reason)), clock);
    this.events = new EventRouter(store, codec, triggerer, registry, completer);
    this.declarations = new Declarations(schedules, events, retention);
    this.runs = new RunService(store, codec, triggerer, reader, waiters, feed, completer, this::wakeDispatchers,
        clock, events, retention);
    signals.connect(dispatcher, tracker, waiters, runSpans, this::eventsAppended, announcer, completer);
    LocalComposition composition = new LocalComposition(store, triggerer, registry);
    this.localSlots = registry.isEmpty() ? null : new LocalSlots(node.nodeId(), node.workerSlots(), registry,
        tracker, codec, new Composition(composition, codec, node.eventLookback()), config.interceptors(), clock,
        node.labels(), dispatcher::slotFreed, new AttemptTracing(config.openTelemetry(), node.nodeId()));
    this.notifier = new Notifier(database.dataSource(), Map.of(
        channels.wake(), payload -> {
          if (channels.fromElsewhere(payload)) {
            wakeDispatchers();
          }
        },
        channels.runs(), payload -> {
          List<UUID> ended = channels.finishedElsewhere(payload);
          if (!ended.isEmpty()) {
            waiters.finished(ended);
            runSpans.finishedElsewhere(ended);
          }
        },
        channels.events(), payload -> {
          if (channels.fromElsewhere(payload)) {
            feed.wake();
          }
        },
        channels.cancels(), payload -> tracker.cancelled(parseAttempts(payload))), () -> {
          wakeDispatchers();
          waiters.wakeAll();
          feed.wake();
        });
    this.inventory = new WorkerInventory(store.workers(), clock, codec, tracker, node);
    this.workerSessions = new WorkerSessions(inventory);
    this.tokens = new TokenService(store.tokens(), clock);
    this.rateLimits = new RateLimitService(store.flow());
    this.grpcServer = config.grpc() == null ? null : new GrpcServer(new GrpcServer.Services(runs, codec, tokens,
        rateLimits, schedules, workflows, events, new GrpcWorkerService.Collaborators(store, registry, codec, tracker, dispatcher, completer, composition,
            node.lease(), node.eventLookback(), clock, rateLimits, declarations), workerSessions,
        inventory, config.openTelemetry()), config.grpc());
    addLoops(node, listener, codec);
    this.timeline = new NodeTimeline(store, dispatcher, loops);
  }

  /**
   * What the workflows registered here declare (schedules, event triggers, retention), checked when the node is
   * built: a cron expression or event filter that does not parse is a {@link DefinitionException} naming the class.
   */
  private static Declarations.Declared declared(WorkflowRegistry registry) {
    List<dev.cairn.internal.definition.WorkflowDefinition> local = registry.localNames().stream()
        .map(registry::get).toList();
    try {
      return Declarations.check(local, (index, part) -> problem -> local.get(index).type().getName()
          + ": @Workflow(" + part + "): " + problem);
    } catch (IllegalArgumentException e) {
      throw new DefinitionException(e.getMessage());
    }
  }

  private CairnListener listener(EngineConfig config) {
    List<CairnListener> listeners = new ArrayList<>(config.listeners());
    if (config.meters() != null) {
      listeners.add(new MicrometerListener(config.meters(), store.metrics()::stepQueueGauges, clock,
          registry.localNames(), () -> localSlots == null ? 0 : localSlots.freeSlots()));
    }
    return new Listeners(listeners);
  }

  private void addLoops(NodeSettings node, CairnListener listener, PayloadCodec codec) {
    if (localSlots != null) {
      loops.add(new LeaseKeeper(tracker, localSlots, node.lease()));
    }
    loops.add(new LeaseSweeper(store, completer, node.sweepInterval()));
    loops.add(new ScheduleTimeoutReaper(store, completer, node.sweepInterval()));
    loops.add(deadlines);
    loops.add(new Waker(store, completer, node.pollInterval()));
    loops.add(new FlowSweep(store, completer, codec, dispatcher::labelSignaturesMet, listener, node.pollInterval()));
    loops.add(new Scheduler(schedules, clock, node.sweepInterval().multipliedBy(6)));
    loops.add(new RetentionSweeper(store.retention(), clock, node.retention(), retention::periods,
        node.sweepInterval().multipliedBy(12), inventory::deleteGone));
    if (localSlots != null) {
      loops.add(new InventoryHeartbeat(inventory, localSessionId));
    }
    loops.add(new OrphanReconciler(store, completer, node.sweepInterval().multipliedBy(6), Duration.ofSeconds(10)));
  }





  /** The definition new runs of a workflow only workers know start with, as the workers registered it. */
  private Optional<dev.cairn.internal.definition.WorkflowDefinition> storedDefinition(String name) {
    return store.definitions().definitionGetCurrent(name).map(bytes -> {
      try {
        return RemoteDefinitions.fromProto(WorkflowDefinition.parseFrom(bytes));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("stored definition of workflow " + name + " is unreadable", e);
      }
    });
  }

  /** "step:attempt,step:attempt" (a cancels notification) as step id to attempt. */
  private static Map<Long, Integer> parseAttempts(String payload) {
    Map<Long, Integer> attempts = new LinkedHashMap<>();
    for (String entry : payload.split(",")) {
      int colon = entry.indexOf(':');
      if (colon > 0) {
        attempts.put(Long.parseLong(entry.substring(0, colon)), Integer.parseInt(entry.substring(colon + 1)));
      }
    }
    return attempts;
  }

  private void wakeDispatchers() {
    dispatcher.wake();
  }

  /** A commit of this node appended events: this node's subscriptions look now, the other nodes' when announced. */
  private void eventsAppended() {
    feed.wake();
    announcer.eventsAppended();
  }

  /** Operating runs on this node. */
  public RunService runs() {
    return runs;
  }

  /** Pushed events and the workflows they start. */
  public EventRouter events() {
    return events;
  }

  /** Pausing and resuming workflows (on every node of the database). */
  public WorkflowControls workflows() {
    return workflows;
  }

  /** The cron schedules (shared by every node on the database). */
  public ScheduleService schedules() {
    return schedules;
  }

  public TokenService tokens() {
    return tokens;
  }

  /** The static rate limits steps name. */
  public RateLimitService rateLimits() {
    return rateLimits;
  }

  /** The worker inventory shared by every node on the database. */
  public WorkerInventory workers() {
    return inventory;
  }

  /** The registered workflows (the embedded API resolves a class's name and output type with it). */
  public WorkflowRegistry registry() {
    return registry;
  }

  /** The port the gRPC server listens on; -1 without one or before start. */
  public int grpcPort() {
    return grpcServer == null || !started ? -1 : grpcServer.port();
  }

  /** The JDBC URL of the embedded database, or null when the engine was given a database. */
  public String embeddedJdbcUrl() {
    return database.embeddedJdbcUrl();
  }

  /** The store: for the dashboard's reads (EngineDashboard) and tests in this module (fencing, renewals). */
  public Store store() {
    return store;
  }

  /** The event feed, for tests in this module (subscriptions whose reads fail). */
  public EventFeed eventFeed() {
    return feed;
  }

  /** The completer, for tests in this module (submitting outcomes by hand). */
  public Completer completer() {
    return completer;
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
    announcer.start();
    notifier.start();
    feed.start();
    if (localSlots != null) {
      dispatcher.addLocal(localSlots);
      inventory.connected(localSlots, "EMBEDDED", localSessionId, new WorkerInventory.Connection(null,
          NodeSettings.hostName(), "", "", config.node().workerSlots()), registry.localNames().stream()
              .map(registry::get).map(definition -> new WorkerInventory.Offered(definition.name(),
                  definition.fingerprint(), definition.fingerprint(), true)).toList());
    }
    dispatcher.start();
    // What the code declares is in place before the scheduler's first round.
    declarations.apply(declared);
    loops.forEach(BackgroundLoop::start);
    if (clock instanceof DrivenClock driven) {
      driven.attach(timeline);
    }
    if (grpcServer != null) {
      grpcServer.start();
    }
    log.info("cairn node {} started: schema {}, {} slots, workflows {}", config.node().nodeId(),
        config.database().schema(), config.node().workerSlots(), registry.names());
    // Said at every start: a node deletes history, and the shortest default among the nodes of a database wins.
    log.info("retention: finished runs are deleted {} after they finish unless their workflow has its own period"
        + " (Cairn.Builder.retention, CAIRN_RETENTION, @Workflow(retention)); periods of their own: {}",
        config.node().retention().equals(dev.cairn.Workflows.KEEP_FOREVER) ? "never" : config.node().retention(),
        retention.periods());
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
    log.info("cairn node {} stopping", config.node().nodeId());
    if (grpcServer != null) {
      grpcServer.stopIntake();
      workerSessions.closeAll("the engine node is shutting down; reconnect to another node");
    }
    dispatcher.stop();
    if (localSlots != null) {
      localSlots.close(config.node().shutdownTimeout());
      inventory.gone(localSessionId, "the engine node stopped");
    }
    if (grpcServer != null) {
      grpcServer.stop();
    }
    loops.forEach(BackgroundLoop::stop);
    completer.stop();
    announcer.stop(); // after the last commit: announces what it did
    runSpans.close();
    if (clock instanceof DrivenClock driven) {
      driven.detach(timeline);
    }
    clock.shutdown();
    feed.stop();
    notifier.stop();
    database.close();
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook runs and finds the engine closed
      }
    }
    log.info("cairn node {} stopped", config.node().nodeId());
  }
}
