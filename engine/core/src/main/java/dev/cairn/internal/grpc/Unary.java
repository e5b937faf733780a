package dev.cairn.internal.grpc;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Answers a unary call: the handler's value, or the status {@link Statuses} maps its exception to. */
final class Unary {
  private Unary() {}

  static <T> void answer(StreamObserver<T> response, Supplier<T> handler) {
    T value;
    try {
      value = handler.get();
    } catch (RuntimeException e) {
      response.onError(Statuses.of(e));
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }
}
