package dev.cairn.internal.grpc;

import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.internal.auth.TokenService;
import dev.cairn.internal.validate.Text;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.AdminServiceGrpc;
import dev.cairn.proto.v1.CreateTokenRequest;
import dev.cairn.proto.v1.CreateTokenResponse;
import dev.cairn.proto.v1.ListTokensRequest;
import dev.cairn.proto.v1.ListTokensResponse;
import dev.cairn.proto.v1.RevokeTokenRequest;
import dev.cairn.proto.v1.RevokeTokenResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** Token administration over gRPC. Thread-safe. */
final class GrpcAdminService extends AdminServiceGrpc.AdminServiceImplBase {
  private final TokenService tokens;

  GrpcAdminService(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> response) {
    Unary.answer(response, () -> {
      if (request.getRole() == dev.cairn.proto.v1.Role.ROLE_UNSPECIFIED
          || request.getRole() == dev.cairn.proto.v1.Role.UNRECOGNIZED) {
        throw Statuses.invalid("role is " + (request.getRole() == dev.cairn.proto.v1.Role.UNRECOGNIZED
            ? "the unknown number " + request.getRoleValue() : "unspecified")
            + "; it is required: ROLE_WORKER, ROLE_CLIENT or ROLE_ADMIN");
      }
      NewToken created = tokens.create(request.getName(),
          Role.valueOf(request.getRole().name().substring("ROLE_".length())),
          request.hasExpiresAt() ? ProtoMapping.instant("expires_at", request.getExpiresAt()) : null,
          request.getWorkerId());
      return CreateTokenResponse.newBuilder().setToken(ProtoMapping.token(created.info()))
          .setSecret(created.secret()).build();
    });
  }

  @Override
  public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> response) {
    Unary.answer(response, () -> {
      ListTokensResponse.Builder list = ListTokensResponse.newBuilder();
      tokens.list().forEach(info -> list.addTokens(ProtoMapping.token(info)));
      return list.build();
    });
  }

  @Override
  public void revokeToken(RevokeTokenRequest request, StreamObserver<RevokeTokenResponse> response) {
    Unary.answer(response, () -> {
      if (!tokens.revoke(request.getId())) {
        throw Status.NOT_FOUND.withDescription("no token with id " + Text.quote(request.getId()))
            .asRuntimeException();
      }
      return RevokeTokenResponse.getDefaultInstance();
    });
  }
}
