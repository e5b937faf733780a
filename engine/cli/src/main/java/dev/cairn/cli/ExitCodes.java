package dev.cairn.cli;

import io.grpc.Status;

/**
 * The exit codes a script can rely on (also in {@code docs/cli.md} and every command's {@code --help}).
 */
final class ExitCodes {
  /** The command did what it was asked. */
  static final int OK = 0;
  /** A run that was watched ({@code runs watch}, {@code trigger --wait}) ended FAILED or CANCELLED. */
  static final int RUN_FAILED = 1;
  /** A bad command line or bad input (flags, ids, JSON, files), or input the server refused (INVALID_ARGUMENT). */
  static final int USAGE = 2;
  /** What was named does not exist (NOT_FOUND). */
  static final int NOT_FOUND = 3;
  /** No token, a token the server does not accept (UNAUTHENTICATED), or one without the role (PERMISSION_DENIED). */
  static final int AUTH = 4;
  /** The server could not be reached or is unavailable (UNAVAILABLE, DEADLINE_EXCEEDED). */
  static final int UNAVAILABLE = 5;
  /** Refused in the current state: a name in use, a replay of a run that did not fail (FAILED_PRECONDITION...). */
  static final int CONFLICT = 6;
  /** Any other failure (INTERNAL, UNKNOWN, RESOURCE_EXHAUSTED, ...). */
  static final int OTHER = 7;

  /** The footer of every command's help. */
  static final String HELP_FOOTER = "%nExit codes: 0 ok, 1 the watched run failed or was cancelled, 2 bad usage or"
      + " input, 3 not found, 4 no or bad token or no permission, 5 server unavailable, 6 refused in the current"
      + " state, 7 other error.";

  private ExitCodes() {}

  static int of(Status.Code code) {
    switch (code) {
      case INVALID_ARGUMENT:
      case OUT_OF_RANGE:
        return USAGE;
      case NOT_FOUND:
        return NOT_FOUND;
      case UNAUTHENTICATED:
      case PERMISSION_DENIED:
        return AUTH;
      case UNAVAILABLE:
      case DEADLINE_EXCEEDED:
        return UNAVAILABLE;
      case FAILED_PRECONDITION:
      case ALREADY_EXISTS:
      case ABORTED:
        return CONFLICT;
      default:
        return OTHER;
    }
  }
}
