package dev.cairn.grpc.adversarial;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** What a call came back with: OK (no description), or its error's status code and description. */
record Outcome(Status.Code code, String description) {
  static final Outcome OK = new Outcome(Status.Code.OK, null);

  static Outcome of(StatusRuntimeException error) {
    return new Outcome(error.getStatus().getCode(), error.getStatus().getDescription());
  }

  @Override
  public String toString() {
    return code + (description == null ? "" : ": " + description);
  }
}
