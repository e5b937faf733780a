package dev.cairn.client;

import dev.cairn.RunEvent;
import dev.cairn.Subscription;
import dev.cairn.internal.wire.ProtoMapping;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.function.Consumer;

/**
 * One stream of run events from the engine (WatchRun or WatchRuns): each event goes to the consumer in order, the
 * end (null, or the error) to {@code onEnd} once. Thread-safe.
 */
final class EventStream<Q> implements Subscription, ClientResponseObserver<Q, dev.cairn.proto.v1.RunEvent> {
  private final Consumer<RunEvent> consumer;
  private final Consumer<Throwable> onEnd;
  private volatile long lastSeq;
  private volatile ClientCallStreamObserver<Q> call;

  EventStream(long afterSeq, Consumer<RunEvent> consumer, Consumer<Throwable> onEnd) {
    this.lastSeq = afterSeq;
    this.consumer = consumer;
    this.onEnd = onEnd;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
    this.call = requestStream;
  }

  @Override
  public void onNext(dev.cairn.proto.v1.RunEvent event) {
    consumer.accept(ProtoMapping.event(event));
    lastSeq = event.getSeq();
  }

  @Override
  public void onError(Throwable error) {
    onEnd.accept(error);
  }

  @Override
  public void onCompleted() {
    onEnd.accept(null);
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public void close() {
    ClientCallStreamObserver<Q> current = call;
    if (current != null) {
      current.cancel("closed by the subscriber", null);
    }
  }
}
