package dev.cairn.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a named statement becomes a JDBC one: every {@code :name} a {@code ?}, in order; nothing else changed. */
class DirectStatementTest {
  static Stream<Arguments> statements() {
    return Stream.of(
        Arguments.of("SELECT :a", "SELECT ?", List.of("a")),
        Arguments.of("SELECT :a::uuid[], :b_2::int", "SELECT ?::uuid[], ?::int", List.of("a", "b_2")),
        Arguments.of("SELECT :a, :a", "SELECT ?, ?", List.of("a", "a")),
        Arguments.of("SELECT x::text FROM t", "SELECT x::text FROM t", List.of()),
        Arguments.of("SELECT ':a', \"b:c\", :d", "SELECT ':a', \"b:c\", ?", List.of("d")),
        Arguments.of("SELECT 'it''s :x', :y", "SELECT 'it''s :x', ?", List.of("y")),
        Arguments.of("SELECT ARRAY[1,2][1:2], :z", "SELECT ARRAY[1,2][1:2], ?", List.of("z")),
        Arguments.of("SELECT :a;\nCOMMIT", "SELECT ?;\nCOMMIT", List.of("a")),
        Arguments.of("", "", List.of()));
  }

  @ParameterizedTest
  @MethodSource("statements")
  void namedParametersBecomePositional(String named, String positional, List<String> names) {
    DirectStatement.Parsed parsed = DirectStatement.parse(named);
    assertEquals(positional, parsed.sql());
    assertEquals(names, parsed.names());
  }

  @ParameterizedTest
  @MethodSource("unterminated")
  void anUnterminatedQuoteIsRefused(String sql) {
    assertThrows(IllegalArgumentException.class, () -> DirectStatement.parse(sql));
  }

  static Stream<String> unterminated() {
    return Stream.of("SELECT 'a", "SELECT \"a", "SELECT :a, 'b");
  }

  @ParameterizedTest
  @MethodSource("engineStatements")
  void theEngineStatementsRunThisWayHaveTheirSchemaAndNoNamedParameterLeft(String name) {
    String sql = DirectStatement.parse(Sql.named(name).replace("<schema>", "s1")).sql();
    assertEquals(-1, sql.indexOf("<schema>"), name);
    assertEquals(false, sql.matches("(?s).*[^:]:[A-Za-z_].*"), name + " still has a named parameter");
  }

  static Stream<String> engineStatements() {
    return Stream.of("runInsertAll", "runInsertLeased", "runLockAll", "stepCompleteAll", "stepCompleteAndEndAll",
        "stepCompleteAndEndOne", "eventAppendAll", "commit");
  }
}
