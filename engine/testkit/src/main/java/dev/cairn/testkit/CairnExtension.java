package dev.cairn.testkit;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.Runs;
import dev.cairn.WorkflowRef;
import dev.cairn.client.CairnClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A started Cairn engine for the tests of a class, on an embedded PostgreSQL (one server per JVM, a schema per
 * engine; no Docker), with a {@link TestClock} for time, step stubs and a gRPC client:
 *
 * <pre>{@code
 * class OrderFulfilmentTest {
 *   @RegisterExtension
 *   static final CairnExtension cairn = CairnExtension.builder().register(new OrderFulfilment()).build();
 *
 *   @Test
 *   void shipsAPaidOrder() {
 *     cairn.stub(OrderFulfilment.class, "charge", input -> new Payment("p-1", 4200));
 *     RunView run = cairn.runs().trigger(OrderFulfilment.class, order).await(Duration.ofSeconds(10));
 *     RunAssert.assertThat(run).succeeded().step("charge").attempts(1);
 *   }
 * }
 * }</pre>
 *
 * Registered on a static field, one engine serves every test of the class (started before the first, closed after
 * the last); on an instance field, each test gets its own. Stubs are cleared after each test. Test methods may
 * also take a {@link Cairn}, {@link Runs}, {@link CairnClient} or {@link TestClock} parameter.
 */
public final class CairnExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {
  /**
   * Leases of the kit's engine: long enough that moving the clock by hand while a step runs never counts as its
   * worker going silent (crash recovery is not what the kit tests).
   */
  static final Duration LEASE = Duration.ofDays(365);

  private final List<Object> workflows;
  private final Consumer<Cairn.Builder> configuration;
  private final boolean skipping;
  private final Instant clockStart;
  private final Stubs stubs = new Stubs();
  private Cairn cairn;
  private String schema;
  private TestClock clock;
  private CairnClient client;
  private boolean perClass;

  private CairnExtension(Builder builder) {
    this.workflows = List.copyOf(builder.workflows);
    this.configuration = builder.configuration;
    this.skipping = builder.skipping;
    this.clockStart = builder.clockStart;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The started engine. */
  public Cairn cairn() {
    return started(cairn);
  }

  /** The engine as the {@link Runs} interface (what the code under test usually depends on). */
  public Runs runs() {
    return cairn();
  }

  /** The engine's schema in the kit's database. */
  public String schema() {
    return started(schema);
  }

  /** The kit's database (every engine of the JVM has a schema in it). */
  public DataSource dataSource() {
    return KitDatabase.get().dataSource();
  }

  /** The engine's clock. */
  public TestClock clock() {
    return started(clock);
  }

  /** A client of the engine over gRPC on localhost, with a CLIENT token; made on first use, closed with the engine. */
  public synchronized CairnClient client() {
    if (client == null) {
      NewToken token = cairn().tokens().create("testkit client", Role.CLIENT, null);
      client = CairnClient.builder(workerTarget()).token(token.secret()).build();
    }
    return client;
  }

  /** The address remote workers connect to ({@code host:port}). */
  public String workerTarget() {
    return "127.0.0.1:" + cairn().grpcPort();
  }

  /** A new WORKER token for a remote worker of this engine. */
  public String newWorkerToken() {
    return cairn().tokens().create("testkit worker", Role.WORKER, null).secret();
  }

  /**
   * From now until the end of the test, {@code step} of the workflow runs {@code stub} instead of its body (on
   * every attempt; stubbing again replaces the stub).
   */
  public CairnExtension stub(Class<?> workflowClass, String step, StepStub stub) {
    return stub(WorkflowRef.nameOf(workflowClass), step, stub);
  }

  /** As {@link #stub(Class, String, StepStub)}, for a workflow named {@code workflowName}. */
  public CairnExtension stub(String workflowName, String step, StepStub stub) {
    stubs.put(Objects.requireNonNull(workflowName, "workflowName"), Objects.requireNonNull(step, "step"),
        Objects.requireNonNull(stub, "stub"));
    return this;
  }

  /** Makes every attempt of {@code step} fail with the error {@code failure} makes (until the end of the test). */
  public CairnExtension fail(Class<?> workflowClass, String step, Supplier<? extends Exception> failure) {
    return stub(workflowClass, step, input -> {
      throw failure.get();
    });
  }

  /** How many times the stub of {@code step} ran in this test. */
  public int stubCalls(Class<?> workflowClass, String step) {
    return stubs.calls(WorkflowRef.nameOf(workflowClass), step);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stubs.clear();
    if (!perClass) {
      close();
    }
  }

  private synchronized void start() {
    if (cairn != null) {
      return;
    }
    clock = (clockStart == null ? new TestClock() : new TestClock(clockStart)).skipping(skipping);
    schema = KitDatabase.newSchema();
    Cairn.Builder builder = Cairn.builder()
        .jdbcUrl(KitDatabase.get().jdbcUrl(), "postgres", "postgres")
        .schema(schema)
        .clock(clock)
        .interceptor(stubs)
        .leaseDuration(LEASE)
        .pollInterval(Duration.ofMillis(100))
        .sweepInterval(Duration.ofMillis(200))
        .shutdownTimeout(Duration.ofSeconds(5))
        .grpcHost("127.0.0.1")
        .grpcPort(0);
    workflows.forEach(builder::register);
    configuration.accept(builder);
    cairn = builder.build();
    cairn.start();
  }

  private synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (cairn != null) {
      cairn.close();
      cairn = null;
    }
  }

  private static <T> T started(T part) {
    if (part == null) {
      throw new IllegalStateException("the engine runs only during a test of the class that registers this extension");
    }
    return part;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Cairn.class || type == Runs.class || type == CairnClient.class || type == TestClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == CairnClient.class) {
      return client();
    }
    return type == TestClock.class ? clock() : cairn();
  }

  /** Configures a {@link CairnExtension}. Not thread-safe. */
  public static final class Builder {
    private final List<Object> workflows = new ArrayList<>();
    private Consumer<Cairn.Builder> configuration = builder -> { };
    private boolean skipping = true;
    private Instant clockStart;

    private Builder() {}

    /** Workflow instances the engine runs (as {@link Cairn.Builder#register}). */
    public Builder register(Object... workflowInstances) {
      workflows.addAll(List.of(workflowInstances));
      return this;
    }

    /** Further engine settings (slots, listeners, interceptors...), applied after the kit's own. */
    public Builder configure(Consumer<Cairn.Builder> engine) {
      this.configuration = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** Whether the clock skips ahead by itself while every run waits on time (default: yes). */
    public Builder skipping(boolean on) {
      this.skipping = on;
      return this;
    }

    /** Where the clock starts (default: the wall-clock time when the engine starts). */
    public Builder clockStart(Instant start) {
      this.clockStart = start;
      return this;
    }

    public CairnExtension build() {
      return new CairnExtension(this);
    }
  }
}
