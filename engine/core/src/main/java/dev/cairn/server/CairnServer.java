package dev.cairn.server;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.internal.definition.Durations;
import dev.cairn.internal.definition.Lifecycle;
import dev.cairn.internal.validate.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone engine node serving gRPC, configured by environment variables (each also readable as a
 * {@code -Dname=value} system property):
 *
 * <table>
 *   <tr><td>CAIRN_JDBC_URL</td><td>PostgreSQL JDBC URL; unset: the embedded database</td></tr>
 *   <tr><td>CAIRN_DB_USER / CAIRN_DB_PASSWORD</td><td>credentials for CAIRN_JDBC_URL</td></tr>
 *   <tr><td>CAIRN_DATA_DIR</td><td>embedded database directory (default .cairn/pgdata)</td></tr>
 *   <tr><td>CAIRN_SCHEMA</td><td>engine schema (default cairn)</td></tr>
 *   <tr><td>CAIRN_GRPC_PORT</td><td>gRPC port (default 7233)</td></tr>
 *   <tr><td>CAIRN_GRPC_MAX_MESSAGE_BYTES</td><td>largest message accepted (default 16 MiB)</td></tr>
 *   <tr><td>CAIRN_TLS_CERT / CAIRN_TLS_KEY</td><td>PEM certificate chain and key for TLS (default: plain text)</td></tr>
 *   <tr><td>CAIRN_ADMIN_TOKEN_FILE</td><td>where the first admin token is written when the database has none
 *       (default .cairn/admin-token, mode 600); the secret is never logged</td></tr>
 *   <tr><td>CAIRN_LEASE_DURATION</td><td>lease of a running attempt: how soon a crashed worker's steps run again
 *       (default 30s)</td></tr>
 *   <tr><td>CAIRN_SHUTDOWN_TIMEOUT</td><td>on SIGTERM, how long running attempts may finish before they are handed
 *       back (default 10s)</td></tr>
 *   <tr><td>CAIRN_DB_STARTUP_WAIT</td><td>how long to wait for an unreachable database at start (default 1d)</td></tr>
 *   <tr><td>CAIRN_RETENTION</td><td>how long finished runs are kept before they are deleted, unless their workflow
 *       has its own period (default 30d; "forever" keeps them)</td></tr>
 *   <tr><td>CAIRN_METRICS_PORT</td><td>serve Prometheus metrics at http://host:port/metrics (default: not
 *       served)</td></tr>
 *   <tr><td>CAIRN_DASHBOARD_PORT</td><td>serve the web dashboard at http://host:port/ (default: not served)</td></tr>
 *   <tr><td>CAIRN_NODE_ID</td><td>this node's id in logs and on attempts (default host, pid and a suffix; at most 200
 *   characters)</td></tr>
 * </table>
 * A setting that does not parse stops the server at once with exit code 2 and a message naming it.
 */
public final class CairnServer {
  private static final Logger log = LoggerFactory.getLogger(CairnServer.class);

  /** Every environment variable the server reads (the table above); deployment files are checked against it. */
  public static final List<String> SETTINGS = List.of("CAIRN_JDBC_URL", "CAIRN_DB_USER",
      "CAIRN_DB_PASSWORD", "CAIRN_DATA_DIR", "CAIRN_SCHEMA", "CAIRN_GRPC_PORT", "CAIRN_GRPC_MAX_MESSAGE_BYTES",
      "CAIRN_TLS_CERT", "CAIRN_TLS_KEY", "CAIRN_ADMIN_TOKEN_FILE", "CAIRN_LEASE_DURATION", "CAIRN_SHUTDOWN_TIMEOUT",
      "CAIRN_DB_STARTUP_WAIT", "CAIRN_RETENTION", "CAIRN_NODE_ID", "CAIRN_METRICS_PORT",
      "CAIRN_DASHBOARD_PORT");

  private CairnServer() {}

  public static void main(String[] args) throws Exception {
    Cairn.Builder builder;
    try {
      builder = configure(System.getenv());
    } catch (IllegalArgumentException e) {
      log.error("cannot start: {}", e.getMessage());
      System.exit(2);
      return;
    }
    Cairn cairn = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cairn.close();
      stopped.countDown();
    }, "cairn-server-shutdown"));
    cairn.start();
    writeFirstAdminToken(cairn, Path.of(setting(System.getenv(), "CAIRN_ADMIN_TOKEN_FILE", ".cairn/admin-token")));
    log.info("cairn server ready on port {}{}", cairn.grpcPort(),
        cairn.metricsPort() < 0 ? "" : ", metrics on port " + cairn.metricsPort());
    if (cairn.dashboardPort() >= 0) {
      log.info("dashboard: http://localhost:{}/ (log in with a CLIENT or ADMIN token)", cairn.dashboardPort());
    }
    stopped.await();
  }

  /** The engine builder the settings describe. @throws IllegalArgumentException naming a setting that is wrong */
  static Cairn.Builder configure(Map<String, String> env) {
    Cairn.Builder builder = Cairn.builder()
        .grpcPort(integer(env, "CAIRN_GRPC_PORT", 7233))
        .schema(setting(env, "CAIRN_SCHEMA", Cairn.Builder.DEFAULT_SCHEMA))
        .grpcMaxMessageBytes(integer(env, "CAIRN_GRPC_MAX_MESSAGE_BYTES", Cairn.Builder.DEFAULT_GRPC_MAX_MESSAGE_BYTES))
        .leaseDuration(duration(env, "CAIRN_LEASE_DURATION", Cairn.Builder.DEFAULT_LEASE_DURATION))
        .shutdownTimeout(duration(env, "CAIRN_SHUTDOWN_TIMEOUT", DEFAULT_SHUTDOWN_TIMEOUT))
        .databaseStartupWait(duration(env, "CAIRN_DB_STARTUP_WAIT", DEFAULT_DATABASE_STARTUP_WAIT))
        .retention(retention(env));
    String url = setting(env, "CAIRN_JDBC_URL", null);
    if (url != null) {
      builder.jdbcUrl(url, setting(env, "CAIRN_DB_USER", "postgres"), setting(env, "CAIRN_DB_PASSWORD", ""));
    } else {
      builder.embeddedDataDirectory(Path.of(setting(env, "CAIRN_DATA_DIR", ".cairn/pgdata")));
    }
    String certificate = setting(env, "CAIRN_TLS_CERT", null);
    if (certificate != null) {
      builder.grpcTls(Path.of(certificate), Path.of(setting(env, "CAIRN_TLS_KEY", "")));
    }
    if (setting(env, "CAIRN_METRICS_PORT", null) != null) {
      builder.metricsPort(integer(env, "CAIRN_METRICS_PORT", 0));
    }
    if (setting(env, "CAIRN_DASHBOARD_PORT", null) != null) {
      builder.dashboardPort(integer(env, "CAIRN_DASHBOARD_PORT", 0));
    }
    String nodeId = setting(env, "CAIRN_NODE_ID", null);
    if (nodeId != null) {
      builder.nodeId(Text.name("CAIRN_NODE_ID", nodeId));
    }
    return builder;
  }

  /** A server stops faster than an embedding service by default: running attempts get 10 s, then go back. */
  static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  /** A server waits a long time for its database (a deployment may start it first). */
  static final Duration DEFAULT_DATABASE_STARTUP_WAIT = Duration.ofDays(1);

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = setting(env, name, null);
    try {
      return value == null ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " " + Text.quote(value) + " is not a whole number");
    }
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = setting(env, name, null);
    try {
      return value == null ? fallback : Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }

  private static Duration retention(Map<String, String> env) {
    String value = setting(env, "CAIRN_RETENTION", null);
    try {
      return value == null ? Cairn.Builder.DEFAULT_RETENTION : Lifecycle.parseRetention(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CAIRN_RETENTION: " + e.getMessage());
    }
  }

  static String setting(Map<String, String> env, String name, String fallback) {
    if (!SETTINGS.contains(name)) {
      throw new IllegalArgumentException(name + " is not in CairnServer.SETTINGS");
    }
    String value = System.getProperty(name, env.get(name));
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static void writeFirstAdminToken(Cairn cairn, Path file) throws IOException {
    if (!cairn.tokens().list().isEmpty()) {
      return;
    }
    NewToken admin = cairn.tokens().create("first admin", Role.ADMIN, null);
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    // Written beside the target and moved into place, so a reader never sees the file half written.
    Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".partial");
    try {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the file keeps its default permissions
    }
    Files.writeString(partial, admin.secret() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    log.info("no tokens existed: created admin token {} and wrote its secret to {}", admin.info().id(),
        file.toAbsolutePath());
  }
}
