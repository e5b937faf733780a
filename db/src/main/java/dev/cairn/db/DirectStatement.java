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
 */
final class DirectStatement {
  private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

  /** The statement text with positional parameters, and the name bound at each position. */
  record Parsed(String sql, List<String> names) {}

  /** Sets one parameter. */
  @FunctionalInterface
  private interface Value {
    void set(PreparedStatement statement, int position) throws SQLException;
  }

  /** Reads what the statement answered. */
  @FunctionalInterface
  interface Answer<T> {
    T read(PreparedStatement executed) throws SQLException;
  }

  private final String name;
  private final Parsed parsed;
  private final Map<String, Value> values = new HashMap<>();

  private DirectStatement(String name, Parsed parsed) {
    this.name = name;
    this.parsed = parsed;
  }

  /** The named statements, in order, as one (see {@link Sql#query(org.jdbi.v3.core.Handle, String, String...)}). */
  static DirectStatement of(String schema, String... names) {
    String key = schema + ":" + String.join(";", names);
    return new DirectStatement(String.join("+", names), PARSED.computeIfAbsent(key, k -> {
      StringBuilder joined = new StringBuilder();
      for (String name : names) {
        joined.append(joined.length() == 0 ? "" : ";\n").append(Sql.named(name));
      }
      return parse(joined.toString().replace("<schema>", schema));
    }));
  }

  DirectStatement bind(String name, String value) {
    return set(name, (statement, position) -> statement.setString(position, value));
  }

  DirectStatement bind(String name, Long value) {
    return set(name, (statement, position) -> {
      if (value == null) {
        statement.setNull(position, Types.BIGINT);
      } else {
        statement.setLong(position, value);
      }
    });
  }

  DirectStatement bind(String name, Integer value) {
    return set(name, (statement, position) -> {
      if (value == null) {
        statement.setNull(position, Types.INTEGER);
      } else {
        statement.setInt(position, value);
      }
    });
  }

  DirectStatement bind(String name, UUID value) {
    return set(name, (statement, position) -> {
      if (value == null) {
        statement.setNull(position, Types.OTHER);
      } else {
        statement.setObject(position, value);
      }
    });
  }

  /** A time (null: SQL NULL, which the statements read as "the database's clock"). */
  DirectStatement bind(String name, Instant value) {
    return set(name, (statement, position) -> {
      if (value == null) {
        statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
      }
    });
  }

  /** An array built by {@link ArrayArgument}. */
  DirectStatement bind(String name, Argument array) {
    return set(name, (statement, position) -> array.apply(position, statement, null));
  }

  private DirectStatement set(String name, Value value) {
    values.put(name, value);
    return this;
  }

  /**
   * Prepares the statement on {@code connection}, sets every parameter, runs it and returns what {@code answer}
   * reads from it. A parameter named in the text and never bound is a bug of the caller: it fails before anything is
   * sent. (Bindings the text does not use are ignored, as Jdbi is configured to.)
   *
   * @throws StatementException if the driver failed (its exception is the cause)
   */
  <T> T execute(Connection connection, Answer<T> answer) {
    try (PreparedStatement statement = connection.prepareStatement(parsed.sql())) {
      List<String> names = parsed.names();
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
      throw new StatementException(name, e);
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
