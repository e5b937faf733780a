package dev.cairn.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Classifies the exceptions the store throws, so callers can answer "try again" instead of "internal". Stateless. */
public final class DatabaseErrors {
  private DatabaseErrors() {}

  /**
   * True if the database could not be reached or is shutting down or refusing connections (SQLSTATE classes 08
   * and 57P, too many connections, a pool that timed out waiting for a connection): the same request can succeed
   * later.
   */
  public static boolean isUnavailable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if {@link StoreTx#runLockCompleteAndEndAll} found a run with steps left after the one expected to end it
   * (SQLSTATE CA001, raised by the engine's own function run_did_not_end): the completion must be written the
   * general way.
   */
  public static boolean isRunNotEnded(Throwable error) {
    return "CA001".equals(sqlState(error));
  }

  /** True if PostgreSQL refused the data itself (SQLSTATE classes 22 and 23): trying again cannot help. */
  public static boolean isRefusedData(Throwable error) {
    String state = sqlState(error);
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /** The SQLSTATE of the first cause that carries one; null if none does. */
  private static String sqlState(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
