package dev.cairn.cli;

import dev.cairn.NotFoundException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns what a command threw into its exit code and a one-line message naming what was wrong: the server's status
 * and description for a refusal, never a stack trace unless {@code --verbose}.
 */
final class Failures {
  /** Longest error line printed; the server's own messages are shorter (at most 1000 characters). */
  static final int MAX_MESSAGE = 1200;

  private Failures() {}

  static int exitCode(Throwable error) {
    if (error instanceof CliException cli) {
      return cli.exitCode();
    }
    if (error instanceof NotFoundException) {
      return ExitCodes.NOT_FOUND;
    }
    StatusRuntimeException status = status(error);
    if (status != null) {
      return ExitCodes.of(status.getStatus().getCode());
    }
    if (error instanceof IllegalArgumentException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.OTHER;
  }

  /** One line: "error: ..." naming the status (when the server refused) and what was wrong. */
  static String message(Throwable error) {
    StatusRuntimeException status = status(error);
    String text;
    if (error instanceof CliException || error instanceof IllegalArgumentException) {
      text = error.getMessage();
    } else if (status != null) {
      text = describe(status.getStatus());
    } else {
      text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
    return "error: " + oneLine(text);
  }

  static String describe(Status status) {
    String description = status.getDescription();
    if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
      description = (description == null ? "" : description + ": ") + status.getCause().getMessage();
    }
    return status.getCode() + (description == null ? "" : ": " + description);
  }

  static String stackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  static StatusRuntimeException status(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status) {
        return status;
      }
    }
    return null;
  }

  /** The text on one line, control characters escaped, at most {@link #MAX_MESSAGE} characters. */
  static String oneLine(String text) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length() && line.length() < MAX_MESSAGE; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        line.append(' ');
      } else if (Character.isISOControl(c)) {
        line.append(String.format("\\u%04x", (int) c));
      } else {
        line.append(c);
      }
    }
    if (line.length() >= MAX_MESSAGE) {
      line.setLength(MAX_MESSAGE);
      line.append("...");
    }
    return line.toString();
  }
}
