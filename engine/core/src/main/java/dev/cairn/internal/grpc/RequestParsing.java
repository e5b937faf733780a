package dev.cairn.internal.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Answers requests protobuf cannot parse with INVALID_ARGUMENT naming the field: invalid UTF-8 in a string field
 * (an unpaired surrogate as a JavaScript client encodes it, say) or a broken message. gRPC itself answers those
 * UNKNOWN "Application error processing RPC", which tells a foreign client nothing. The service's requests are
 * handed to it as bytes ({@link ServerInterceptors#useInputStreamMessages}), so a parse failure surfaces here,
 * where the bytes can be examined. Thread-safe.
 */
final class RequestParsing implements ServerInterceptor {
  private final ServiceDescriptor service;

  private RequestParsing(ServiceDescriptor service) {
    this.service = service;
  }

  /** {@code service} (a generated protobuf service) with its requests parsed under this guard. */
  static ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor proto =
        ((ProtoServiceDescriptorSupplier) service.getServiceDescriptor().getSchemaDescriptor()).getServiceDescriptor();
    return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service), new RequestParsing(proto));
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Descriptor request = service.findMethodByName(call.getMethodDescriptor().getBareMethodName()).getInputType();
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      private boolean refused;

      @Override
      @SuppressWarnings("unchecked") // the service was made to take InputStream messages (see guard)
      public void onMessage(Q message) {
        byte[] bytes = readAll((InputStream) message);
        try {
          super.onMessage((Q) new ByteArrayInputStream(bytes));
        } catch (StatusRuntimeException e) {
          if (!(e.getCause() instanceof InvalidProtocolBufferException)) {
            throw e;
          }
          refused = true;
          call.close(Status.INVALID_ARGUMENT.withDescription(describe(request, bytes)), new Metadata());
        }
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
  }

  /** Names the first string field holding invalid UTF-8, or says the bytes are not a message of this type. */
  static String describe(Descriptor type, byte[] bytes) {
    try {
      String field = invalidUtf8(type, UnknownFieldSet.parseFrom(bytes), "");
      if (field != null) {
        return field + " is not valid UTF-8 (an unpaired surrogate or a broken byte sequence)";
      }
    } catch (InvalidProtocolBufferException e) {
      // structurally broken: said below
    }
    return "the request is not a valid " + type.getName() + " message";
  }

  private static String invalidUtf8(Descriptor type, UnknownFieldSet fields, String prefix)
      throws InvalidProtocolBufferException {
    for (Map.Entry<Integer, UnknownFieldSet.Field> entry : fields.asMap().entrySet()) {
      FieldDescriptor field = type.findFieldByNumber(entry.getKey());
      if (field == null) {
        continue;
      }
      List<ByteString> values = entry.getValue().getLengthDelimitedList();
      for (int i = 0; i < values.size(); i++) {
        if (field.getType() == FieldDescriptor.Type.STRING && !values.get(i).isValidUtf8()) {
          return prefix + field.getName();
        }
        if (field.getType() == FieldDescriptor.Type.MESSAGE) {
          String path = prefix + field.getName() + (field.isRepeated() && !field.isMapField() ? "[" + i + "]" : "");
          String inner = invalidUtf8(field.getMessageType(), UnknownFieldSet.parseFrom(values.get(i)), path + ".");
          if (inner != null) {
            return inner;
          }
        }
      }
    }
    return null;
  }

  private static byte[] readAll(InputStream message) {
    try (InputStream in = message) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
