package dev.cairn.internal.worker;

import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.Heartbeat;
import dev.cairn.proto.v1.WorkerMessage;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of its current stream to the engine, across reconnects: sends are serialised, and every result
 * is kept until the engine acknowledges it (after its commit), so a result sent on a stream that broke is sent
 * again on the next one. Thread-safe.
 */
final class EngineStream {
  private static final Logger log = LoggerFactory.getLogger(EngineStream.class);

  private final String workerId;
  /** Results sent or to send, by step id, until the engine acknowledges them. */
  private final Map<Long, WorkerMessage> unacknowledged = new ConcurrentHashMap<>();
  private StreamObserver<WorkerMessage> stream;
  private boolean registered;

  EngineStream(String workerId) {
    this.workerId = workerId;
  }

  /** A new stream is open; nothing but the registration goes on it until {@link #registered()}. */
  synchronized void opened(StreamObserver<WorkerMessage> opened) {
    this.stream = opened;
    this.registered = false;
  }

  /** The engine accepted the registration: results it may have missed are sent again. */
  synchronized void registered() {
    registered = true;
    new ArrayList<>(unacknowledged.values()).forEach(this::sendNow);
  }

  /** The stream is gone. */
  synchronized void lost() {
    stream = null;
    registered = false;
  }

  synchronized boolean isRegistered() {
    return registered;
  }

  /** Sends the registration on the stream just opened. */
  synchronized void register(WorkerMessage registration) {
    sendNow(registration);
  }

  /** Sends a result, keeping it until it is acknowledged; sent later if no stream is registered now. */
  synchronized void result(long stepId, WorkerMessage result) {
    unacknowledged.put(stepId, result);
    if (registered) {
      sendNow(result);
    }
  }

  /** Sends a message that is only worth sending now (progress, a log line, an extension, a heartbeat). */
  synchronized void sendIfRegistered(WorkerMessage message) {
    if (registered) {
      sendNow(message);
    }
  }

  synchronized void heartbeat() {
    sendIfRegistered(WorkerMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
  }

  /** The engine applied or refused the result of this attempt: it need not be sent again. */
  void acknowledged(AttemptRef attempt) {
    unacknowledged.computeIfPresent(attempt.getStepId(),
        (step, result) -> result.getResult().getAttempt().equals(attempt) ? null : result);
  }

  /** The attempts whose results wait for an acknowledgement (named again when the worker registers). */
  Map<Long, AttemptRef> unacknowledgedAttempts() {
    Map<Long, AttemptRef> attempts = new LinkedHashMap<>();
    unacknowledged.forEach((step, result) -> attempts.put(step, result.getResult().getAttempt()));
    return attempts;
  }

  /** Ends the current stream from the worker's side. */
  synchronized void complete() {
    if (stream != null) {
      try {
        stream.onCompleted();
      } catch (RuntimeException alreadyClosed) {
        // the stream ended on its own meanwhile
      }
    }
  }

  private void sendNow(WorkerMessage message) {
    if (stream == null) {
      return;
    }
    try {
      stream.onNext(message);
    } catch (RuntimeException e) {
      // The stream is gone; a result stays unacknowledged and is sent again after the next registration.
      log.debug("worker {}: sending failed: {}", workerId, e.toString());
    }
  }
}
