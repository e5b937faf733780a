package dev.cairn.pipeline.http;

import com.sun.net.httpserver.HttpExchange;
import dev.cairn.Role;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transcript endpoints' access rule, the engine's for its run service: {@code Authorization: Bearer <token>}
 * (the scheme in any case) with a CLIENT or ADMIN token. Missing, malformed, unknown, expired or revoked: 401;
 * a WORKER token: 403; tokens that cannot be checked now: 503. Thread-safe.
 */
final class BearerAuth {
  private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);
  /** Longest token accepted (the engine refuses longer secrets without a lookup too). */
  static final int MAX_TOKEN = 200;
  /** RFC 6750's token68 alphabet, after the scheme and at least one space. */
  private static final Pattern BEARER = Pattern.compile("(?i)bearer[ \\t]+([A-Za-z0-9._~+/-]+=*)[ \\t]*");
  private static final String FIELD = "Authorization";
  private static final String CHALLENGE = "Bearer realm=\"cairn-pipeline\"";

  private final TokenCheck tokens;

  BearerAuth(TokenCheck tokens) {
    this.tokens = tokens;
  }

  /** Returns when the request carries a CLIENT or ADMIN token; otherwise refuses it. */
  void require(HttpExchange exchange) {
    Role role = role(exchange.getRequestHeaders().get(FIELD));
    if (role == Role.WORKER) {
      throw new RequestRefused(403, FIELD, "Authorization: a WORKER token may not read transcripts; use a CLIENT or ADMIN token")
          .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
    }
  }

  private Role role(List<String> headers) {
    if (headers == null || headers.isEmpty()) {
      throw unauthorized("Authorization: Bearer <token> is required");
    }
    if (headers.size() > 1) {
      throw unauthorized("Authorization is given " + headers.size() + " times; give it once");
    }
    String header = headers.get(0);
    Matcher bearer = header.length() > MAX_TOKEN + 32 ? null : BEARER.matcher(header);
    if (bearer == null || !bearer.matches() || bearer.group(1).length() > MAX_TOKEN) {
      throw unauthorized("Authorization must be 'Bearer <token>' with a token of at most " + MAX_TOKEN
          + " characters");
    }
    Optional<Role> role;
    try {
      role = tokens.roleOf(bearer.group(1));
    } catch (RuntimeException cannotTell) {
      LOG.warn("cannot check a bearer token now: {}", cannotTell.toString());
      throw new RequestRefused(503, FIELD, "Authorization: tokens cannot be checked now; retry later").withHeader("Retry-After", "5");
    }
    return role.orElseThrow(() -> unauthorized("Authorization: the token is unknown, expired or revoked"));
  }

  private static RequestRefused unauthorized(String message) {
    return new RequestRefused(401, FIELD, message).withHeader("WWW-Authenticate", CHALLENGE);
  }
}
