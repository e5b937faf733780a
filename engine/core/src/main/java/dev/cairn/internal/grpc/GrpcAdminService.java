package dev.cairn.internal.grpc;

import dev.cairn.NewToken;
import dev.cairn.RateLimits;
import dev.cairn.Role;
import dev.cairn.WorkerPage;
import dev.cairn.Workers;
import dev.cairn.internal.auth.TokenService;
import dev.cairn.internal.definition.RateRule;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.internal.wire.WorkerWire;
import dev.cairn.proto.v1.AdminServiceGrpc;
import dev.cairn.proto.v1.CreateTokenRequest;
import dev.cairn.proto.v1.CreateTokenResponse;
import dev.cairn.proto.v1.ListRateLimitsRequest;
import dev.cairn.proto.v1.ListRateLimitsResponse;
import dev.cairn.proto.v1.ListTokensRequest;
import dev.cairn.proto.v1.ListTokensResponse;
import dev.cairn.proto.v1.ListWorkersRequest;
import dev.cairn.proto.v1.ListWorkersResponse;
import dev.cairn.proto.v1.RateLimitSetting;
import dev.cairn.proto.v1.RevokeTokenRequest;
import dev.cairn.proto.v1.RevokeTokenResponse;
import dev.cairn.proto.v1.SetRateLimitRequest;
import dev.cairn.proto.v1.SetRateLimitResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;

/** Administration over gRPC: tokens, static rate limits and the worker inventory. Thread-safe. */
final class GrpcAdminService extends AdminServiceGrpc.AdminServiceImplBase {
  private final TokenService tokens;
  private final RateLimits rateLimits;
  private final Workers workers;

  GrpcAdminService(TokenService tokens, RateLimits rateLimits, Workers workers) {
    this.tokens = tokens;
    this.rateLimits = rateLimits;
    this.workers = workers;
  }

  @Override
  public void listWorkers(ListWorkersRequest request, StreamObserver<ListWorkersResponse> response) {
    Unary.answer(response, () -> {
      WorkerPage page = workers.list(WorkerWire.query(request));
      ListWorkersResponse.Builder list = ListWorkersResponse.newBuilder()
          .setNextPageToken(ProtoMapping.nullToEmpty(page.nextPageToken()));
      page.workers().forEach(worker -> list.addWorkers(WorkerWire.worker(worker)));
      return list.build();
    });
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

  @Override
  public void setRateLimit(SetRateLimitRequest request, StreamObserver<SetRateLimitResponse> response) {
    Unary.answer(response, () -> {
      apply(rateLimits, "limit.", request.getLimit());
      return SetRateLimitResponse.getDefaultInstance();
    });
  }

  /** Sets one static limit from its protocol form, naming the field ({@code prefix} + name) of a bad value. */
  static void apply(RateLimits rateLimits, String prefix, RateLimitSetting limit) {
    check(prefix, limit);
    rateLimits.set(limit.getName(), limit.getUnits(), Duration.ofMillis(limit.getPeriodMs()));
  }

  /** Checks a static limit's protocol form, naming the field ({@code prefix} + name) of a bad value. */
  static void check(String prefix, RateLimitSetting limit) {
    Text.name(prefix + "name", limit.getName(), 100);
    Ranges.between(prefix + "units", limit.getUnits(), 1, RateRule.MAX_UNITS);
    Ranges.millis(prefix + "period_ms", limit.getPeriodMs(), RateRule.MIN_PERIOD, RateRule.MAX_PERIOD);
  }

  @Override
  public void listRateLimits(ListRateLimitsRequest request, StreamObserver<ListRateLimitsResponse> response) {
    Unary.answer(response, () -> {
      ListRateLimitsResponse.Builder list = ListRateLimitsResponse.newBuilder();
      rateLimits.list().forEach(limit -> list.addLimits(RateLimitSetting.newBuilder().setName(limit.name())
          .setUnits(limit.units()).setPeriodMs(limit.period().toMillis())));
      return list.build();
    });
  }
}
