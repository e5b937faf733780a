package dev.cairn.internal.grpc;

import dev.cairn.Role;
import dev.cairn.TokenInfo;
import dev.cairn.internal.auth.TokenService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the bearer token of every call: missing or unknown, expired or revoked → UNAUTHENTICATED; a role the
 * service does not admit → PERMISSION_DENIED; the token store unreachable → UNAVAILABLE. The scheme name is
 * matched without regard to case (RFC 7235). The verified token is put in the call's {@link Context} under
 * {@link #CALLER}. Services not listed (health, reflection) are open. Thread-safe.
 */
final class TokenAuthInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  /** The verified token of the current call. */
  static final Context.Key<TokenInfo> CALLER = Context.key("cairn-caller");
  /** The peer address of the current call, as the transport saw it (the worker inventory shows it). */
  static final Context.Key<String> PEER = Context.key("cairn-peer");
  private static final String SCHEME = "bearer ";

  private final TokenService tokens;
  private final Map<String, Set<Role>> rolesByService;

  TokenAuthInterceptor(TokenService tokens, Map<String, Set<Role>> rolesByService) {
    this.tokens = tokens;
    this.rolesByService = Map.copyOf(rolesByService);
  }

  /** The token of the call being handled on this thread. */
  static TokenInfo caller() {
    TokenInfo caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException("no authenticated caller in this context");
    }
    return caller;
  }

  /** The peer address of the call being handled on this thread; empty when unknown. */
  static String peer() {
    String peer = PEER.get();
    return peer == null ? "" : peer;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Set<Role> admitted = rolesByService.get(call.getMethodDescriptor().getServiceName());
    if (admitted == null) {
      return next.startCall(call, headers);
    }
    String header = headers.get(AUTHORIZATION);
    if (header == null || header.length() <= SCHEME.length()
        || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(
          "missing bearer token: send the header 'authorization: Bearer <token>'"));
    }
    Optional<TokenInfo> token;
    try {
      token = tokens.verify(header.substring(SCHEME.length()).trim());
    } catch (RuntimeException e) {
      return refuse(call, Statuses.of(e).getStatus().getCode() == Status.Code.UNAVAILABLE
          ? Status.UNAVAILABLE.withDescription("cannot check the token now: the engine's database is unavailable")
          : Statuses.of(e).getStatus());
    }
    if (token.isEmpty()) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription("the token is unknown, expired or revoked"));
    }
    if (!admitted.contains(token.get().role())) {
      return refuse(call, Status.PERMISSION_DENIED.withDescription("a " + token.get().role() + " token may not call "
          + call.getMethodDescriptor().getServiceName() + "; it needs one of " + admitted));
    }
    SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    return Contexts.interceptCall(Context.current().withValue(CALLER, token.get())
        .withValue(PEER, peer == null ? "" : peer.toString()), call, headers, next);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
