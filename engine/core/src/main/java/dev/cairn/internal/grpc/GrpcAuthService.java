package dev.cairn.internal.grpc;

import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.AuthServiceGrpc;
import dev.cairn.proto.v1.WhoAmIRequest;
import dev.cairn.proto.v1.WhoAmIResponse;
import io.grpc.stub.StreamObserver;

/** Tells a caller which token it holds (never the secret). Open to every role. Thread-safe. */
final class GrpcAuthService extends AuthServiceGrpc.AuthServiceImplBase {
  @Override
  public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
    Unary.answer(response, () -> WhoAmIResponse.newBuilder()
        .setToken(ProtoMapping.token(TokenAuthInterceptor.caller())).build());
  }
}
