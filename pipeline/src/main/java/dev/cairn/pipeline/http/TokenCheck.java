package dev.cairn.pipeline.http;

import dev.cairn.Role;
import dev.cairn.TokenInfo;
import dev.cairn.Tokens;
import dev.cairn.client.CairnClient;
import java.time.Clock;
import java.util.Optional;

/**
 * What a presented bearer token may do: the engine's own tokens, the ones its gRPC API accepts. In the engine's
 * process the token table is asked directly; beside a remote engine the engine is asked over gRPC, with answers
 * remembered briefly. Implementations are thread-safe.
 */
@FunctionalInterface
public interface TokenCheck {
  /**
   * The role of the valid (known, unexpired, unrevoked) token with this secret; empty when there is none.
   *
   * @throws RuntimeException when it cannot be decided now (the engine or its database is unreachable)
   */
  Optional<Role> roleOf(String secret);

  /** The embedded engine's token table (which caches verified tokens itself). */
  static TokenCheck embedded(Tokens tokens) {
    return secret -> tokens.verify(secret).map(TokenInfo::role);
  }

  /**
   * A remote engine, asked through {@code client} ({@code AuthService.WhoAmI}); answers, positive and negative, are
   * remembered for {@link CachedTokenCheck#DEFAULT_TTL} so a stream of requests does not reach the engine each time.
   */
  static TokenCheck remote(CairnClient client, Clock clock) {
    return new CachedTokenCheck(secret -> client.verifyToken(secret).map(TokenInfo::role), clock,
        CachedTokenCheck.DEFAULT_TTL);
  }
}
