package dev.cairn.pipeline.transcript;

import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Creates or upgrades the pipeline's tables in their own schema (default {@value #DEFAULT_SCHEMA}). */
public final class TranscriptDatabase {
  public static final String DEFAULT_SCHEMA = "reflector";
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private TranscriptDatabase() {}

  /** Migrates the schema; safe to call from several processes at once (Flyway takes a lock). */
  public static void migrate(DataSource dataSource, String schema) {
    requireSchemaName(schema);
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .table("pipeline_schema_history")
        .locations("classpath:db/migration/pipeline")
        .load()
        .migrate();
  }

  static String requireSchemaName(String schema) {
    if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException("pipeline schema name must match " + SCHEMA_NAME + ", got " + schema);
    }
    return schema;
  }
}
