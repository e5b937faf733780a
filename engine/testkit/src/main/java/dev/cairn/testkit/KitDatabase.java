package dev.cairn.testkit;

import dev.cairn.embedded.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throwaway embedded PostgreSQL per test JVM, started on first use (under {@code target/cairn-testkit} in a
 * Maven or Gradle project, else the temporary directory) and stopped when the JVM exits; each engine of the kit
 * gets a schema of its own.
 */
final class KitDatabase {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedDatabase database;

  private KitDatabase() {}

  static synchronized EmbeddedDatabase get() {
    if (database == null) {
      Path base = Files.isDirectory(Path.of("target")) ? Path.of("target", "cairn-testkit")
          : Path.of(System.getProperty("java.io.tmpdir"), "cairn-testkit");
      EmbeddedDatabase started = EmbeddedDatabase.startThrowaway(base);
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "cairn-testkit-postgres"));
      database = started;
    }
    return database;
  }

  /** A schema no other engine of this JVM uses. */
  static String newSchema() {
    return "kit_" + SCHEMAS.incrementAndGet();
  }
}
