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
 * call: a fifth of the trigger's and the completion's own CPU went there. This binds the values as the array type
 * Jdbi would have chosen, directly.
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

  @Override
  public void apply(int position, PreparedStatement statement, StatementContext ctx) throws SQLException {
    if (values == null) {
      statement.setNull(position, Types.ARRAY);
    } else {
      statement.setArray(position, statement.getConnection().createArrayOf(sqlType, values));
    }
  }

  @Override
  public String toString() {
    return values == null ? "NULL" : sqlType + "[" + values.length + "]";
  }
}
