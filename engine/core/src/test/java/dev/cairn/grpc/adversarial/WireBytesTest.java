package dev.cairn.grpc.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.cairn.proto.v1.AuthServiceGrpc;
import dev.cairn.proto.v1.WhoAmIRequest;
import dev.cairn.testing.TestChannel;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bytes a foreign client sends and protobuf-java refuses to parse: invalid UTF-8 in every string field of every
 * client-facing request (an unpaired surrogate among them), and structurally broken messages. The answer is
 * INVALID_ARGUMENT naming the field, nothing changes, and the channel answers the next call.
 */
class WireBytesTest {
  private static final Marshaller<byte[]> BYTES = new Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private static AdversarialEngine engine;
  private static TestChannel channel;
  private static Rpcs rpcs;

  @BeforeAll
  static void start() {
    engine = AdversarialEngine.start();
    channel = TestChannel.open(engine.target);
    rpcs = new Rpcs(engine);
  }

  @AfterAll
  static void stop() {
    channel.close();
    engine.close();
  }

  @TestFactory
  Stream<DynamicTest> invalidUtf8InAnyStringFieldIsRefusedNamingTheField() {
    List<Case> cases = new ArrayList<>();
    for (Descriptors.MethodDescriptor method : RequestFields.clientFacingMethods()) {
      Message valid = valid(method);
      for (WireBytes.Spoiled spoiled : WireBytes.strings(method.getInputType(),
          field -> WireBytes.existing(valid, field))) {
        cases.add(wireCase(method, spoiled.field(), "invalid UTF-8",
            WireBytes.concat(valid.toByteArray(), spoiled.appended())));
      }
    }
    return cases.stream().map(sent -> DynamicTest.dynamicTest(sent.name(), () -> send(sent)));
  }

  @TestFactory
  Stream<DynamicTest> structurallyBrokenRequestsAreRefused() {
    List<Case> cases = new ArrayList<>();
    for (Descriptors.MethodDescriptor method : RequestFields.clientFacingMethods()) {
      for (Map.Entry<String, byte[]> broken : WireBytes.truncated().entrySet()) {
        cases.add(wireCase(method, "request", broken.getKey(), broken.getValue()));
      }
    }
    return cases.stream().map(sent -> DynamicTest.dynamicTest(sent.name(), () -> send(sent)));
  }

  private static Message valid(Descriptors.MethodDescriptor method) {
    String name = method.getService().getName() + "." + method.getName();
    return rpcs.all().stream().filter(rpc -> rpc.name().equals(name)).findFirst().orElseThrow().valid().get()
        .build();
  }

  private static Case wireCase(Descriptors.MethodDescriptor method, String field, String label, byte[] request) {
    String name = method.getService().getName() + "." + method.getName() + " " + field + " = " + label;
    return new Case(name, field, Status.Code.INVALID_ARGUMENT, null, target -> call(target, method, request));
  }

  private static Outcome call(Channel target, Descriptors.MethodDescriptor method, byte[] request) {
    boolean streaming = method.isServerStreaming();
    MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.newBuilder(BYTES, BYTES)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(method.getService().getFullName(),
            method.getName()))
        .setType(streaming ? MethodType.SERVER_STREAMING : MethodType.UNARY).build();
    Channel authorized = ClientInterceptors.intercept(target,
        MetadataUtils.newAttachHeadersInterceptor(AdversarialEngine.bearer(engine.admin.secret())));
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(Rpcs.DEADLINE_SECONDS, TimeUnit.SECONDS);
    try {
      if (streaming) {
        Iterator<byte[]> answers = ClientCalls.blockingServerStreamingCall(authorized, raw, options, request);
        while (answers.hasNext()) {
          answers.next();
        }
      } else {
        ClientCalls.blockingUnaryCall(authorized, raw, options, request);
      }
      return Outcome.OK;
    } catch (StatusRuntimeException e) {
      return Outcome.of(e);
    }
  }

  private static void send(Case sent) {
    AdversarialEngine.RowCounts before = engine.counts();
    Verdict.check(sent, sent.send().apply(channel.channel()));
    assertEquals(before, engine.counts(), sent.name() + " changed nothing");
    AuthServiceGrpc.newBlockingStub(channel.channel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(AdversarialEngine.bearer(engine.admin.secret())))
        .withDeadlineAfter(Rpcs.DEADLINE_SECONDS, TimeUnit.SECONDS).whoAmI(WhoAmIRequest.getDefaultInstance());
  }
}
