package dev.cairn.internal.grpc;

import dev.cairn.TokenInfo;
import dev.cairn.internal.validate.Text;
import io.grpc.Status;

/**
 * Who a remote worker is: the token it authenticated with and the worker id it registered (or names on a durable
 * operation). Attempts are leased to {@link #holder()}, so two workers with different tokens can never act on each
 * other's attempts, and two workers sharing a token are told apart by their worker ids (which the README asks to
 * keep unique per process; a token scoped to one worker id admits only that id).
 */
record WorkerIdentity(String tokenId, String workerId) {
  /** Longest worker id. */
  static final int MAX_WORKER_ID = 200;

  /**
   * The identity of the calling worker, from the call's token and the worker id it sends.
   *
   * @throws IllegalArgumentException if the worker id is malformed
   * @throws io.grpc.StatusRuntimeException PERMISSION_DENIED if the token is scoped to another worker id
   */
  static WorkerIdentity of(TokenInfo token, String field, String workerId) {
    Text.name(field, workerId, MAX_WORKER_ID);
    if (token.workerId() != null && !token.workerId().equals(workerId)) {
      throw Status.PERMISSION_DENIED.withDescription("this token is scoped to worker " + Text.quote(token.workerId())
          + "; it may not act as worker " + Text.quote(workerId)).asRuntimeException();
    }
    return new WorkerIdentity(token.id(), workerId);
  }

  /** The lease holder string stored on the steps leased to this worker. */
  String holder() {
    return tokenId + "/" + workerId;
  }
}
