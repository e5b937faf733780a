package dev.cairn;

import java.time.Instant;
import java.util.List;

/** Bearer tokens of the gRPC API, stored hashed in the engine's database. Thread-safe. */
public interface Tokens {
  /**
   * Creates a token.
   *
   * @param expiresAt null for a token that never expires
   */
  NewToken create(String name, Role role, Instant expiresAt);

  List<TokenInfo> list();

  /** Revokes a token; false if there is no such token. */
  boolean revoke(String id);
}
