package dev.cairn.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cairn.testing.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An array parameter reaches PostgreSQL element for element, whatever its text holds: it is bound as text that the
 * statement's cast reads, so quoting is the binder's job.
 */
class ArrayArgumentTest {
  static Stream<Arguments> arrays() {
    return Stream.of(
        Arguments.of(String.class, "text", Arrays.asList("plain", "two words", "")),
        Arguments.of(String.class, "text", Arrays.asList("a\"quote", "back\\slash", "\\\"", "\"\"")),
        Arguments.of(String.class, "text", Arrays.asList("{braces}", "a,comma", "NULL", "null", " padded ")),
        Arguments.of(String.class, "text",
            Arrays.asList("line\nbreak\ttab", "\u00e9t\u00e9 \u65e5\u672c \ud83e\udea8")),
        Arguments.of(String.class, "text", Arrays.asList(null, "between", null)),
        Arguments.of(String.class, "text", List.of()),
        Arguments.of(String.class, "text", List.of("x".repeat(100_000))),
        Arguments.of(UUID.class, "uuid", Arrays.asList(new UUID(0, 0), null, UUID.randomUUID())),
        Arguments.of(Long.class, "bigint", Arrays.asList(Long.MIN_VALUE, 0L, null, Long.MAX_VALUE)),
        Arguments.of(Integer.class, "int", Arrays.asList(Integer.MIN_VALUE, -1, Integer.MAX_VALUE)),
        Arguments.of(Boolean.class, "boolean", Arrays.asList(true, false, null)));
  }

  @ParameterizedTest
  @MethodSource("arrays")
  <T> void elementsArriveAsSent(Class<T> type, String sqlType, List<T> values) throws SQLException {
    assertEquals(values, roundTrip(ArrayArgument.of(type, values), sqlType));
  }

  @Test
  void aNullArrayIsSqlNull() throws SQLException {
    assertNull(roundTrip(ArrayArgument.of(String.class, null), "text"));
  }

  @Test
  void anElementTypeWithoutSqlArrayTypeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ArrayArgument.of(Double.class, List.of(1.0)));
  }

  /** The array as PostgreSQL read it, through the statement's cast. */
  private static List<Object> roundTrip(org.jdbi.v3.core.argument.Argument argument, String sqlType)
      throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT ?::" + sqlType + "[]")) {
      // Past the driver's prepare threshold too: the statement is then server-prepared with the type it inferred.
      List<Object> read = null;
      for (int i = 0; i < 7; i++) {
        argument.apply(1, statement, null);
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          Array array = rs.getArray(1);
          read = array == null ? null : Arrays.asList((Object[]) array.getArray());
        }
      }
      return read;
    }
  }
}
