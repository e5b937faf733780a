package dev.cairn.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/** Loads statements from {@code dev/cairn/db/sql/NAME.sql}, comments removed, each read once. */
final class Sql {
  private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Sql() {}

  static String named(String name) {
    return CACHE.computeIfAbsent(name, n -> LOCATOR.getResource(Sql.class.getClassLoader(), "dev/cairn/db/sql/" + n + ".sql"));
  }
}
