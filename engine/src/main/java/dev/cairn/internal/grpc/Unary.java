package dev.cairn.internal.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Answers a unary call: the handler's value, its status error, or INTERNAL for anything unexpected. */
final class Unary {
  private Unary() {}

  static <T> void answer(StreamObserver<T> response, Supplier<T> handler) {
    try {
      response.onNext(handler.get());
      response.onCompleted();
    } catch (StatusRuntimeException e) {
      response.onError(e);
    } catch (RuntimeException e) {
      response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
    }
  }
}
