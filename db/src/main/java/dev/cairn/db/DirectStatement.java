package dev.cairn.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.argument.Argument;

/**
 * One of the engine's named statements (or several sent as one, like {@link Sql#query(org.jdbi.v3.core.Handle,
 * String, String...)}) run straight on a JDBC connection, for the statements every run waits for: the trigger's insert
 * and the completion that ends it. Jdbi's per-statement work (a handle with a copy of its configuration, rendering the
 * template, finding an argument factory for each of sixty parameters, statement events) cost about as much CPU as the
 * rest of the engine's Java on those paths, and it is spent while the caller waits. Here the statement text is
 * prepared once per schema (the {@code <schema>} slot filled, each {@code :name} turned into a {@code ?} in order) and
 * each call only sets its parameters. Every other statement goes through Jdbi.
 *
 * <p>Statements sent as one go in one round trip only if each answers rows of bounded width. The driver guards
 * against filling the socket's buffers both ways at once (the client writing statements the server does not read
 * while the server is blocked writing answers the client does not read): it estimates each answer at one row, and
 * before it sends a statement whose answer it cannot estimate (a column of unbounded width: text, jsonb, arrays), or
 * that would take the estimate past 64,000 bytes, it sends a sync and reads every answer so far: a round trip more.
 * So the statements sent together cast their text columns to {@code varchar(n)} (names to {@code varchar(1000)},
 * five times the longest name any boundary accepts, so that the cast never shortens one). Where an answer can be long
 * and a long statement follows it, the caller sends them apart instead (see {@link StoreTx#PIPELINED_LOCKS}).
 */
final class DirectStatement {
  private static final Map<String, Prepared> PREPARED = new ConcurrentHashMap<>();

  /** The statement text with positional parameters, and the name bound at each position. */
  record Parsed(String sql, List<String> names) {}

  /** The statement's name in errors, and its text. */
  private record Prepared(String label, Parsed parsed) {}

  /** Sets one parameter. */
  @FunctionalInterface
  private interface Value {
    void set(PreparedStatement statement, int position) throws SQLException;
  }

  /** Sets a parameter that is not null. */
  @FunctionalInterface
  private interface Setter<T> {
    void set(PreparedStatement statement, int position, T value) throws SQLException;
  }

  /** Reads what the statement answered. */
  @FunctionalInterface
  interface Answer<T> {
    T read(PreparedStatement executed) throws SQLException;
  }

  private final Prepared prepared;
  private final Map<String, Value> values = new HashMap<>();

  private DirectStatement(Prepared prepared) {
    this.prepared = prepared;
  }

  /** The named statements, in order, as one (see {@link Sql#query(org.jdbi.v3.core.Handle, String, String...)}). */
  static DirectStatement of(String schema, String first, String... more) {
    String key = schema + ":" + first + ";" + String.join(";", more);
    return new DirectStatement(PREPARED.computeIfAbsent(key, k -> new Prepared(
        more.length == 0 ? first : first + "+" + String.join("+", more),
        parse(Sql.joined(first, more).replace("<schema>", schema)))));
  }

  DirectStatement bind(String name, String value) {
    return set(name, (statement, position) -> statement.setString(position, value));
  }

  DirectStatement bind(String name, Long value) {
    return set(name, value, Types.BIGINT, PreparedStatement::setLong);
  }

  DirectStatement bind(String name, Integer value) {
    return set(name, value, Types.INTEGER, PreparedStatement::setInt);
  }

  DirectStatement bind(String name, UUID value) {
    return set(name, value, Types.OTHER, PreparedStatement::setObject);
  }

  /** A time (null: SQL NULL, which the statements read as "the database's clock"). */
  DirectStatement bind(String name, Instant value) {
    return set(name, value, Types.TIMESTAMP_WITH_TIMEZONE,
        (statement, position, time) -> statement.setObject(position, OffsetDateTime.ofInstant(time, ZoneOffset.UTC)));
  }

  /** An array built by {@link ArrayArgument}. */
  DirectStatement bind(String name, Argument array) {
    return set(name, (statement, position) -> array.apply(position, statement, null));
  }

  private DirectStatement set(String name, Value value) {
    values.put(name, value);
    return this;
  }

  /** {@code value} with {@code setter}, or SQL NULL of {@code sqlType}. */
  private <T> DirectStatement set(String name, T value, int sqlType, Setter<T> setter) {
    return set(name, (statement, position) -> {
      if (value == null) {
        statement.setNull(position, sqlType);
      } else {
        setter.set(statement, position, value);
      }
    });
  }

  /**
   * Prepares the statement on {@code connection}, sets every parameter, runs it and returns what {@code answer}
   * reads from it. A parameter named in the text and never bound is a bug of the caller: it fails before anything is
   * sent. (Bindings the text does not use are ignored, as Jdbi is configured to.)
   *
   * @throws StatementException if the driver failed (its exception is the cause)
   */
  <T> T execute(Connection connection, Answer<T> answer) {
    try (PreparedStatement statement = connection.prepareStatement(prepared.parsed().sql())) {
      List<String> names = prepared.parsed().names();
      for (int i = 0; i < names.size(); i++) {
        Value value = values.get(names.get(i));
        if (value == null) {
          throw new IllegalStateException("no value bound for :" + names.get(i));
        }
        value.set(statement, i + 1);
      }
      statement.execute();
      return answer.read(statement);
    } catch (SQLException e) {
      throw new StatementException(prepared.label(), e);
    }
  }

  /**
   * Turns {@code :name} parameters into {@code ?}, as Jdbi's colon-prefix parser does: a {@code ::} cast is kept, and
   * nothing inside quotes ({@code '...'}, {@code "..."}) is a parameter. The statements' comments are already removed
   * ({@link Sql#named}).
   */
  static Parsed parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = sql.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote in statement at " + i);
        }
        out.append(sql, i, end + 1);
        i = end + 1;
      } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        out.append('?');
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return new Parsed(out.toString(), List.copyOf(names));
  }
}
