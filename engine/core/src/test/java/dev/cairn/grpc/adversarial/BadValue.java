package dev.cairn.grpc.adversarial;

import io.grpc.Status;

/**
 * One value to put in a field: a label for the test's name, the value, and the status the engine must answer
 * ({@link Status.Code#OK} for extreme values that are nevertheless legal).
 */
record BadValue<V>(String label, V value, Status.Code expected) {
  static <V> BadValue<V> invalid(String label, V value) {
    return new BadValue<>(label, value, Status.Code.INVALID_ARGUMENT);
  }

  /** A well-formed value naming something that does not exist: NOT_FOUND is the honest answer. */
  static <V> BadValue<V> notFound(String label, V value) {
    return new BadValue<>(label, value, Status.Code.NOT_FOUND);
  }

  /** A well-formed value naming an attempt the caller does not hold: FAILED_PRECONDITION. */
  static <V> BadValue<V> refused(String label, V value) {
    return new BadValue<>(label, value, Status.Code.FAILED_PRECONDITION);
  }

  static <V> BadValue<V> unauthenticated(String label, V value) {
    return new BadValue<>(label, value, Status.Code.UNAUTHENTICATED);
  }

  /** An extreme value the field legally takes: the call must succeed. */
  static <V> BadValue<V> accepted(String label, V value) {
    return new BadValue<>(label, value, Status.Code.OK);
  }

  /** The value as text, when it is text (what a refusal must not echo at length); null otherwise. */
  String text() {
    return value instanceof String text ? text : null;
  }
}
