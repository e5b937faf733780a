package dev.cairn.internal.grpc;

import dev.cairn.Role;
import dev.cairn.internal.auth.TokenService;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the bearer token of every call: missing or unknown, expired or revoked → UNAUTHENTICATED; a role the
 * service does not admit → PERMISSION_DENIED. Services not listed (health, reflection) are open. Thread-safe.
 */
final class TokenAuthInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final TokenService tokens;
  private final Map<String, Set<Role>> rolesByService;

  TokenAuthInterceptor(TokenService tokens, Map<String, Set<Role>> rolesByService) {
    this.tokens = tokens;
    this.rolesByService = Map.copyOf(rolesByService);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Set<Role> admitted = rolesByService.get(call.getMethodDescriptor().getServiceName());
    if (admitted == null) {
      return next.startCall(call, headers);
    }
    String header = headers.get(AUTHORIZATION);
    if (header == null || !header.startsWith("Bearer ")) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(
          "missing bearer token: send the header 'authorization: Bearer <token>'"));
    }
    Optional<Role> role;
    try {
      role = tokens.verify(header.substring("Bearer ".length()).trim());
    } catch (RuntimeException e) {
      return refuse(call, Status.UNAVAILABLE.withDescription("cannot check the token now: " + e.getMessage()));
    }
    if (role.isEmpty()) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription("the token is unknown, expired or revoked"));
    }
    if (!admitted.contains(role.get())) {
      return refuse(call, Status.PERMISSION_DENIED.withDescription("a " + role.get() + " token may not call "
          + call.getMethodDescriptor().getServiceName() + "; it needs one of " + admitted));
    }
    return next.startCall(call, headers);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
