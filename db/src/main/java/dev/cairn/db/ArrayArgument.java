package dev.cairn.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A SQL array parameter. The statements bind a dozen arrays each, and Jdbi's {@code bindArray(name, Class, values)}
 * builds a parameterized {@code Iterable<T>} type and resolves an argument factory for it by reflection on every
 * call: a fifth of the trigger's and the completion's own CPU went there. This binds the values' text form directly,
 * for the statement's cast to read (see {@link #apply}).
 */
final class ArrayArgument implements Argument {
  /** The SQL element type of each Java element type, as Jdbi's built-in array types name them. */
  private static final Map<Class<?>, String> SQL_TYPES = Map.of(String.class, "varchar", UUID.class, "uuid",
      Long.class, "bigint", Integer.class, "integer", Boolean.class, "boolean");

  private final String sqlType;
  private final Object[] values;

  private ArrayArgument(String sqlType, Object[] values) {
    this.sqlType = sqlType;
    this.values = values;
  }

  /** {@code values} (null: SQL NULL) as an array of {@code elementType}'s SQL type. */
  static <T> Argument of(Class<T> elementType, Iterable<? extends T> values) {
    String sqlType = SQL_TYPES.get(elementType);
    if (sqlType == null) {
      throw new IllegalArgumentException("no SQL array type for " + elementType.getName());
    }
    if (values == null) {
      return new ArrayArgument(sqlType, null);
    }
    if (values instanceof Collection<? extends T> collection) {
      return new ArrayArgument(sqlType, collection.toArray());
    }
    List<T> copy = new ArrayList<>();
    values.forEach(copy::add);
    return new ArrayArgument(sqlType, copy.toArray());
  }

  /**
   * Binds the array's text form with no type of its own: every statement casts its arrays ({@code :ids::uuid[]}), and
   * PostgreSQL reads the text with the cast's type, as it reads the driver's own arrays. The driver's
   * {@code createArrayOf} and {@code setArray} looked the type up by name in its synchronized caches four times per
   * array: with forty arrays a trigger, a fifth of its Java time.
   */
  @Override
  public void apply(int position, PreparedStatement statement, StatementContext ctx) throws SQLException {
    statement.setObject(position, values == null ? null : literal(values), Types.OTHER);
  }

  /** {@code {"a","b",NULL}}: each element quoted, its quotes and backslashes escaped; null unquoted. */
  static String literal(Object[] values) {
    StringBuilder text = new StringBuilder(2 + values.length * 40).append('{');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      if (values[i] == null) {
        text.append("NULL");
        continue;
      }
      String value = values[i].toString();
      text.append('"');
      for (int c = 0; c < value.length(); c++) {
        char character = value.charAt(c);
        if (character == '"' || character == '\\') {
          text.append('\\');
        }
        text.append(character);
      }
      text.append('"');
    }
    return text.append('}').toString();
  }

  @Override
  public String toString() {
    return values == null ? "NULL" : sqlType + "[" + values.length + "]";
  }
}
