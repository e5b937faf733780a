package dev.cairn.internal.grpc;

import dev.cairn.Subscription;
import dev.cairn.internal.runs.Subscriber;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.RunEvent;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/**
 * One run's events on a WatchRun stream: the stream completes after the run's final event (the last one of its
 * log) and fails with a status if the feed gives up on the subscription; either way the subscription is closed.
 * Thread-safe: events arrive on the feed thread, the subscription from the gRPC thread.
 */
final class RunStream {
  private static final Set<String> FINAL_EVENTS = Set.of("RUN_SUCCEEDED", "RUN_FAILED", "RUN_CANCELLED");

  private final ServerCallStreamObserver<RunEvent> stream;
  private final UUID runId;
  private final ToLongFunction<UUID> lastSeq;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicReference<Subscription> subscription = new AtomicReference<>();

  RunStream(ServerCallStreamObserver<RunEvent> stream, UUID runId, ToLongFunction<UUID> lastSeq) {
    this.stream = stream;
    this.runId = runId;
    this.lastSeq = lastSeq;
  }

  Subscriber subscriber() {
    return new Subscriber(this::send, stream::isReady, error -> {
      if (ended.compareAndSet(false, true)) {
        GrpcRunService.end(stream, error);
      }
    });
  }

  /** The subscription feeding this stream; closed at once if the stream already ended. */
  void attach(Subscription feeding) {
    subscription.set(feeding);
    if (ended.get()) {
      feeding.close();
    }
  }

  private void send(dev.cairn.RunEvent event) {
    if (ended.get() || stream.isCancelled()) {
      return;
    }
    stream.onNext(ProtoMapping.event(event));
    // A replay appends events after a final one: only the log's last event ends the stream.
    if (FINAL_EVENTS.contains(event.type()) && event.seq() == lastSeq.applyAsLong(runId)
        && ended.compareAndSet(false, true)) {
      stream.onCompleted();
      Subscription feeding = subscription.get();
      if (feeding != null) {
        feeding.close();
      }
    }
  }
}
