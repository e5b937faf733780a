package dev.cairn.pipeline.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.embedded.LocalPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database the pipeline's process uses: PostgreSQL at {@link Setting#CAIRN_JDBC_URL}, or the embedded one
 * in {@link Setting#CAIRN_DATA_DIR}. The engine (when embedded) and the transcript tables share it.
 */
final class Databases implements AutoCloseable {
  private final LocalPostgres embedded;
  private final String url;
  private final String user;
  private final String password;
  private final HikariDataSource pool;

  private Databases(LocalPostgres embedded, String url, String user, String password) {
    this.embedded = embedded;
    this.url = url;
    this.user = user;
    this.password = password;
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(10);
    hikari.setPoolName("pipeline");
    this.pool = new HikariDataSource(hikari);
  }

  static Databases open(PipelineConfig config) {
    if (config.isSet(Setting.CAIRN_JDBC_URL)) {
      return new Databases(null, config.require(Setting.CAIRN_JDBC_URL), config.require(Setting.CAIRN_DB_USER),
          config.get(Setting.CAIRN_DB_PASSWORD).orElse(""));
    }
    LocalPostgres embedded = LocalPostgres.start(Path.of(config.require(Setting.CAIRN_DATA_DIR)));
    return new Databases(embedded, embedded.jdbcUrl(), LocalPostgres.USER, "");
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  HikariDataSource pool() {
    return pool;
  }

  /**
   * Unpooled connections for the one that LISTENs for transcript events ({@code TranscriptStore}): it stays open
   * while anyone watches, so it must not come from the pool the steps share.
   */
  DataSource listenSource() {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(url);
    source.setUser(user);
    source.setPassword(password);
    source.setApplicationName("cairn-pipeline-transcript-feed");
    return source;
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
