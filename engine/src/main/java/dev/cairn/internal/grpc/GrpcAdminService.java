package dev.cairn.internal.grpc;

import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.TokenInfo;
import dev.cairn.internal.auth.TokenService;
import dev.cairn.proto.v1.AdminServiceGrpc;
import dev.cairn.proto.v1.CreateTokenRequest;
import dev.cairn.proto.v1.CreateTokenResponse;
import dev.cairn.proto.v1.ListTokensRequest;
import dev.cairn.proto.v1.ListTokensResponse;
import dev.cairn.proto.v1.RevokeTokenRequest;
import dev.cairn.proto.v1.RevokeTokenResponse;
import dev.cairn.proto.v1.Token;
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
    if (request.getRole() == dev.cairn.proto.v1.Role.ROLE_UNSPECIFIED
        || request.getRole() == dev.cairn.proto.v1.Role.UNRECOGNIZED) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("role is required: ROLE_WORKER, ROLE_CLIENT or"
          + " ROLE_ADMIN").asRuntimeException());
      return;
    }
    try {
      NewToken created = tokens.create(request.getName(),
          Role.valueOf(request.getRole().name().substring("ROLE_".length())),
          request.hasExpiresAt() ? ProtoMapping.instant(request.getExpiresAt()) : null);
      response.onNext(CreateTokenResponse.newBuilder().setToken(token(created.info())).setSecret(created.secret())
          .build());
      response.onCompleted();
    } catch (IllegalArgumentException e) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  @Override
  public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> response) {
    ListTokensResponse.Builder list = ListTokensResponse.newBuilder();
    tokens.list().forEach(info -> list.addTokens(token(info)));
    response.onNext(list.build());
    response.onCompleted();
  }

  @Override
  public void revokeToken(RevokeTokenRequest request, StreamObserver<RevokeTokenResponse> response) {
    if (!tokens.revoke(request.getId())) {
      response.onError(Status.NOT_FOUND.withDescription("no token with id '" + request.getId() + "'")
          .asRuntimeException());
      return;
    }
    response.onNext(RevokeTokenResponse.getDefaultInstance());
    response.onCompleted();
  }

  private static Token token(TokenInfo info) {
    Token.Builder token = Token.newBuilder().setId(info.id()).setName(info.name())
        .setRole(dev.cairn.proto.v1.Role.valueOf("ROLE_" + info.role().name()))
        .setCreatedAt(ProtoMapping.timestamp(info.createdAt()));
    if (info.expiresAt() != null) {
      token.setExpiresAt(ProtoMapping.timestamp(info.expiresAt()));
    }
    if (info.revokedAt() != null) {
      token.setRevokedAt(ProtoMapping.timestamp(info.revokedAt()));
    }
    return token.build();
  }
}
