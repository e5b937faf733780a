package dev.cairn.spring;

import dev.cairn.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One throwaway embedded PostgreSQL for this module's tests (per JVM), standing in for the application's database. */
final class TestPostgres {
  private static EmbeddedDatabase database;

  private TestPostgres() {}

  static synchronized EmbeddedDatabase get() {
    if (database == null) {
      EmbeddedDatabase started = EmbeddedDatabase.startThrowaway(Path.of("target", "spring-pg"));
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "spring-test-postgres"));
      database = started;
    }
    return database;
  }

  /** The application's {@code spring.datasource.*} pointing at this database. */
  static String[] datasourceProperties() {
    return new String[] {"spring.datasource.url=" + get().jdbcUrl(), "spring.datasource.username=postgres",
        "spring.datasource.password=postgres"};
  }

  static void register(DynamicPropertyRegistry registry) {
    for (String property : datasourceProperties()) {
      int equals = property.indexOf('=');
      registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
    }
  }
}
