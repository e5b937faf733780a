package dev.cairn.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code cairn.*} settings. Values that do not parse, and values out of range, stop the application at startup
 * with a message naming the property (this class validates itself when it is bound).
 */
@ConfigurationProperties("cairn")
public class CairnProperties implements Validator {
  /** What this application is to the engine. */
  public enum Mode {
    /** Runs an engine node on the application's database (or the embedded one): triggers and runs steps. */
    EMBEDDED,
    /** Only triggers and operates runs on a remote engine ({@code cairn.server.address}); runs no step. */
    CLIENT,
    /** Only runs the steps of its {@code @Workflow} beans for a remote engine ({@code cairn.server.address}). */
    WORKER
  }

  /** Whether Cairn is configured at all. */
  private boolean enabled = true;

  /** embedded (an engine node in this application), client (remote engine, no steps) or worker (remote engine). */
  private Mode mode = Mode.EMBEDDED;

  /**
   * Embedded mode without a DataSource bean: start an embedded PostgreSQL (in cairn.embedded-data-directory).
   * Without it, a missing DataSource is a startup error.
   */
  private boolean embeddedDatabase = false;

  /** Data directory of the embedded PostgreSQL (cairn.embedded-database=true). */
  private Path embeddedDataDirectory = Path.of(".cairn", "pgdata");

  /** PostgreSQL schema of the engine's tables, created and migrated at startup (embedded mode). */
  private String schema = "cairn";

  /** Steps run at once by this application (embedded and worker modes), 1..1024. Default 16 (worker: 8). */
  private Integer workerSlots;

  /**
   * On shutdown, how long running steps may finish before they are interrupted and handed back to the queue for
   * another node or worker.
   */
  private Duration shutdownTimeout = Duration.ofSeconds(30);

  /** Lease of a running attempt: how soon the steps of a crashed node run again elsewhere (embedded mode). */
  private Duration leaseDuration = Duration.ofSeconds(30);

  /** This node's id in logs and on the attempts it runs (embedded mode). Default: host, pid and a suffix. */
  private String nodeId;

  /** Bearer token for client and worker modes (role CLIENT or WORKER). */
  private String token;

  /** Worker labels of this application's slots (pool=cpu-heavy), embedded and worker modes. */
  private Map<String, String> labels = new LinkedHashMap<>();

  private final Grpc grpc = new Grpc();
  private final Server server = new Server();
  private final Worker worker = new Worker();

  /** The gRPC API served by the embedded engine. */
  public static class Grpc {
    /** Serve the gRPC API (clients, remote workers, the cairn CLI) on this port; 0 picks one. Default: not served. */
    private Integer port;

    public Integer getPort() {
      return port;
    }

    public void setPort(Integer port) {
      this.port = port;
    }
  }

  /** The remote engine of client and worker modes. */
  public static class Server {
    /** host:port of the engine's gRPC API (client and worker modes). */
    private String address;

    public String getAddress() {
      return address;
    }

    public void setAddress(String address) {
      this.address = address;
    }
  }

  /** Worker mode. */
  public static class Worker {
    /** This worker's id; give every worker process its own. Default: pid@host. */
    private String id;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }
  }

  @Override
  public boolean supports(Class<?> type) {
    return CairnProperties.class.isAssignableFrom(type);
  }

  @Override
  public void validate(Object target, Errors errors) {
    CairnProperties properties = (CairnProperties) target;
    if (!properties.enabled) {
      return;
    }
    if (properties.workerSlots != null && (properties.workerSlots < 1 || properties.workerSlots > 1024)) {
      errors.rejectValue("workerSlots", "range", "cairn.worker-slots must be 1..1024");
    }
    if (properties.shutdownTimeout.isNegative()) {
      errors.rejectValue("shutdownTimeout", "range", "cairn.shutdown-timeout must not be negative");
    }
    if (properties.leaseDuration.toMillis() < 300) {
      errors.rejectValue("leaseDuration", "range", "cairn.lease-duration must be at least 300ms");
    }
    Integer port = properties.grpc.port;
    if (port != null && (port < 0 || port > 65535)) {
      errors.rejectValue("grpc.port", "range", "cairn.grpc.port must be 0..65535");
    }
    if (properties.mode != Mode.EMBEDDED && isBlank(properties.server.address)) {
      errors.rejectValue("server.address", "required",
          "cairn.server.address (host:port) is required with cairn.mode=" + properties.mode.name().toLowerCase());
    }
    if (properties.mode != Mode.EMBEDDED && isBlank(properties.token)) {
      errors.rejectValue("token", "required",
          "cairn.token is required with cairn.mode=" + properties.mode.name().toLowerCase());
    }
    if (isBlank(properties.schema)) {
      errors.rejectValue("schema", "required", "cairn.schema must not be blank");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public boolean isEmbeddedDatabase() {
    return embeddedDatabase;
  }

  public void setEmbeddedDatabase(boolean embeddedDatabase) {
    this.embeddedDatabase = embeddedDatabase;
  }

  public Path getEmbeddedDataDirectory() {
    return embeddedDataDirectory;
  }

  public void setEmbeddedDataDirectory(Path embeddedDataDirectory) {
    this.embeddedDataDirectory = embeddedDataDirectory;
  }

  public String getSchema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = schema;
  }

  public Integer getWorkerSlots() {
    return workerSlots;
  }

  public void setWorkerSlots(Integer workerSlots) {
    this.workerSlots = workerSlots;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public Duration getLeaseDuration() {
    return leaseDuration;
  }

  public void setLeaseDuration(Duration leaseDuration) {
    this.leaseDuration = leaseDuration;
  }

  public String getNodeId() {
    return nodeId;
  }

  public void setNodeId(String nodeId) {
    this.nodeId = nodeId;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Grpc getGrpc() {
    return grpc;
  }

  public Server getServer() {
    return server;
  }

  public Worker getWorker() {
    return worker;
  }
}
