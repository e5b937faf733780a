package dev.cairn.db;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The statements of the tokens table. Thread-safe. */
public final class TokenStore {
  private final Jdbi jdbi;

  TokenStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public TokenRow tokenInsert(String id, String name, String role, byte[] secretHash, Instant expiresAt,
      String workerId) {
    return jdbi.withHandle(handle -> Sql.query(handle, "tokenInsert")
        .bind("id", id)
        .bind("name", name)
        .bind("role", role)
        .bind("secretHash", secretHash)
        .bind("expiresAt", expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
        .bind("workerId", workerId)
        .map((rs, ctx) -> Rows.token(rs))
        .one());
  }

  public Optional<TokenRow> tokenGet(String id) {
    return jdbi.withHandle(handle -> Sql.query(handle, "tokenGet")
        .bind("id", id)
        .map((rs, ctx) -> Rows.token(rs))
        .findOne());
  }

  public List<TokenRow> tokenList() {
    return jdbi.withHandle(handle -> Sql.query(handle, "tokenList")
        .map((rs, ctx) -> Rows.token(rs))
        .list());
  }

  /** Revokes a token (once); false if there is no such token. */
  public boolean tokenRevoke(String id) {
    return jdbi.withHandle(handle -> Sql.query(handle, "tokenRevoke")
        .bind("id", id)
        .mapTo(String.class)
        .findOne()
        .isPresent());
  }
}
