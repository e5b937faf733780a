package dev.cairn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Bearer tokens of the gRPC API, stored hashed in the engine's database. Thread-safe. */
public interface Tokens {
  /**
   * Creates a token.
   *
   * @param name 1..200 characters, no control characters
   * @param expiresAt null for a token that never expires
   * @throws IllegalArgumentException naming the bad argument
   */
  default NewToken create(String name, Role role, Instant expiresAt) {
    return create(name, role, expiresAt, null);
  }

  /**
   * Creates a token; a {@link Role#WORKER} token may be scoped to one worker id, which is then the only id a
   * worker holding it may register as.
   *
   * @param workerId null for any worker id; only allowed with {@link Role#WORKER}
   */
  NewToken create(String name, Role role, Instant expiresAt, String workerId);

  List<TokenInfo> list();

  /**
   * Revokes a token; false if there is no such token.
   *
   * @throws IllegalArgumentException if {@code id} cannot be a token id (1..64 characters, no control characters)
   */
  boolean revoke(String id);

  /** The token whose secret this is, if it is known, unexpired and unrevoked; empty otherwise. */
  Optional<TokenInfo> verify(String secret);
}
