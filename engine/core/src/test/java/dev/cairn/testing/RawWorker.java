package dev.cairn.testing;

import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.DefinitionScanner;
import dev.cairn.internal.wire.RemoteDefinitions;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.Heartbeat;
import dev.cairn.proto.v1.Register;
import dev.cairn.proto.v1.StepResult;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A worker written against the raw cairn.v1 protocol, as a foreign or hostile client would: it sends exactly the
 * messages a test gives it (no heartbeats of its own) and records every message the engine sends back.
 */
public final class RawWorker implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final WorkerServiceGrpc.WorkerServiceBlockingStub operations;
  private final BlockingQueue<EngineMessage> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Throwable> ended = new CompletableFuture<>();
  private final StreamObserver<WorkerMessage> stream;

  private RawWorker(String target, String token) {
    this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
    CallCredentials credentials = bearer(token);
    this.operations = WorkerServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    this.stream = WorkerServiceGrpc.newStub(channel).withCallCredentials(credentials).connect(new StreamObserver<>() {
      @Override
      public void onNext(EngineMessage message) {
        received.add(message);
      }

      @Override
      public void onError(Throwable error) {
        ended.complete(error);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    });
  }

  /** Opens a stream to {@code target} with {@code token}; nothing is sent yet. */
  public static RawWorker connect(String target, String token) {
    return new RawWorker(target, token);
  }

  /** The protocol form of an annotated workflow, as a worker registers it. */
  public static dev.cairn.proto.v1.WorkflowDefinition definition(Object workflow) {
    return RemoteDefinitions.toProto(new DefinitionScanner(new PayloadCodec()).scan(workflow));
  }

  /** Registers with the given definitions and running attempts and waits for the Registered answer. */
  public EngineMessage register(String workerId, int slots, List<dev.cairn.proto.v1.WorkflowDefinition> workflows,
      List<AttemptRef> running) {
    send(WorkerMessage.newBuilder().setRegister(Register.newBuilder().setWorkerId(workerId).setSlots(slots)
        .addAllWorkflows(workflows).addAllRunning(running)).build());
    return await("Registered", message -> message.hasRegistered(), Duration.ofSeconds(20));
  }

  public void send(WorkerMessage message) {
    synchronized (stream) {
      stream.onNext(message);
    }
  }

  public void heartbeat() {
    send(WorkerMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
  }

  public void result(AttemptRef attempt, String outputJson) {
    send(WorkerMessage.newBuilder().setResult(StepResult.newBuilder().setAttempt(attempt).setOutputJson(outputJson))
        .build());
  }

  /** The next message (in arrival order) that matches, skipping others; fails after {@code timeout}. */
  public EngineMessage await(String what, Predicate<EngineMessage> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        EngineMessage message = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (message == null) {
          throw new AssertionError("no " + what + " from the engine within " + timeout
              + (ended.isDone() ? "; the stream ended: " + ended.getNow(null) : ""));
        }
        if (matching.test(message)) {
          return message;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what);
    }
  }

  /** The next message that matches, or null if none arrives within {@code quiet} (the stream stays usable). */
  public EngineMessage poll(Predicate<EngineMessage> matching, Duration quiet) {
    try {
      return await("message", matching, quiet);
    } catch (AssertionError none) {
      return null;
    }
  }

  /** How the engine ended the stream (null: completed normally); fails if it did not within {@code timeout}. */
  public Throwable endedWith(Duration timeout) {
    try {
      return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the engine did not end the stream within " + timeout, e);
    }
  }

  /** Whether the engine ended the stream. */
  public boolean ended() {
    return ended.isDone();
  }

  /** The blocking stub for the durable-operation RPCs, with this worker's token. */
  public WorkerServiceGrpc.WorkerServiceBlockingStub operations() {
    return operations;
  }

  @Override
  public void close() {
    try {
      synchronized (stream) {
        stream.onCompleted();
      }
    } catch (RuntimeException alreadyEnded) {
      // the engine ended the stream
    }
    channel.shutdownNow();
  }

  private static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
      }
    };
  }
}
