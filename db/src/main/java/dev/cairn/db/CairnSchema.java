package dev.cairn.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Creates or upgrades the engine schema. Thread-safe: Flyway serialises concurrent migrations with a lock. */
public final class CairnSchema {
  private CairnSchema() {}

  /**
   * Applies every pending migration to {@code schema}, creating the schema if it does not exist.
   *
   * @param dataSource where the schema lives
   * @param schema the PostgreSQL schema that holds the engine tables
   */
  public static void migrate(DataSource dataSource, String schema) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .createSchemas(true)
        .locations("classpath:db/migration/cairn")
        .table("cairn_schema_history")
        .load()
        .migrate();
  }
}
