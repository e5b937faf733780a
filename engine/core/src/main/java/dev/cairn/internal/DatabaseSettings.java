package dev.cairn.internal;

import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Where the engine keeps its state. Exactly one of {@code dataSource}, {@code jdbcUrl} and
 * {@code embeddedDataDirectory} is set.
 *
 * @param startupWait how long to wait for an unreachable database at start
 */
public record DatabaseSettings(DataSource dataSource, String jdbcUrl, String user, String password,
    Path embeddedDataDirectory, String schema, Duration startupWait) {}
