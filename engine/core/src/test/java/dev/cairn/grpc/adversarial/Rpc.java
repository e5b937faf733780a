package dev.cairn.grpc.adversarial;

import com.google.protobuf.Message;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.function.Supplier;

/**
 * One RPC under test: its service and method as named in the .proto files, a valid request for a case to spoil
 * one field of, and how to invoke it on a channel (streams are drained to their end).
 */
record Rpc<B extends Message.Builder>(String service, String method, Supplier<B> valid, Invoker<B> invoker) {
  /** Sends a request; a refusal arrives as the {@link StatusRuntimeException} it throws. */
  interface Invoker<B> {
    void invoke(Channel channel, B request);
  }

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  String name() {
    return service + "." + method;
  }

  Call<B> newCall(String authorization) {
    return new Call<>(valid.get(), authorization);
  }

  Outcome call(Channel channel, Call<B> call) {
    Channel target = channel;
    if (call.authorization != null) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, call.authorization);
      target = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    try {
      invoker.invoke(target, call.request);
      return Outcome.OK;
    } catch (StatusRuntimeException e) {
      return Outcome.of(e);
    }
  }
}
