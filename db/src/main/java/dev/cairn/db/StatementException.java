package dev.cairn.db;

import java.sql.SQLException;

/**
 * A statement run outside Jdbi ({@link DirectStatement}) failed. Its cause is the driver's {@link SQLException}
 * ({@link DatabaseErrors} reads its SQLSTATE); the message names the statement and gives the driver's message, never
 * the statement's text or its parameters.
 */
public final class StatementException extends RuntimeException {
  StatementException(String statement, SQLException cause) {
    super(statement + " failed: " + cause.getMessage(), cause);
  }
}
