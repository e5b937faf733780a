package dev.cairn.internal.auth;

import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.TokenInfo;
import dev.cairn.Tokens;
import dev.cairn.db.TokenRow;
import dev.cairn.db.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates and verifies bearer tokens. A secret reads {@code cairn_<id>_<random>}: the id finds the row, the
 * SHA-256 of the whole secret must match the stored hash (compared in constant time), and the token must be
 * neither expired nor revoked. Verified tokens are remembered for {@link #CACHE_TTL}, so a revocation takes
 * effect within that time on every node. Thread-safe.
 */
public final class TokenService implements Tokens {
  static final Duration CACHE_TTL = Duration.ofSeconds(2);
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Verified(TokenRow row, Instant until) {}

  private final TokenStore store;
  private final Clock clock;
  private final Map<String, Verified> cache = new ConcurrentHashMap<>();

  public TokenService(TokenStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public NewToken create(String name, Role role, Instant expiresAt) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("token name must be 1..200 characters");
    }
    if (role == null) {
      throw new IllegalArgumentException("token role is required (WORKER, CLIENT or ADMIN)");
    }
    String id = randomText(9);
    String secret = "cairn_" + id + "_" + randomText(32);
    TokenRow row = store.tokenInsert(id, name, role.name(), sha256(secret), expiresAt);
    return new NewToken(info(row), secret);
  }

  @Override
  public List<TokenInfo> list() {
    return store.tokenList().stream().map(TokenService::info).toList();
  }

  @Override
  public boolean revoke(String id) {
    cache.values().removeIf(verified -> verified.row().id().equals(id));
    return store.tokenRevoke(id);
  }

  /** The token's role if {@code secret} is a valid, unexpired, unrevoked token; empty otherwise. */
  public Optional<Role> verify(String secret) {
    Instant now = clock.instant();
    Verified cached = cache.get(secret);
    if (cached != null && cached.until().isAfter(now)) {
      return usable(cached.row(), now);
    }
    String[] parts = secret.split("_", 3);
    if (parts.length != 3 || !parts[0].equals("cairn")) {
      return Optional.empty();
    }
    Optional<TokenRow> row = store.tokenGet(parts[1]);
    if (row.isEmpty() || !MessageDigest.isEqual(row.get().secretHash(), sha256(secret))) {
      return Optional.empty();
    }
    cache.put(secret, new Verified(row.get(), now.plus(CACHE_TTL)));
    return usable(row.get(), now);
  }

  private static Optional<Role> usable(TokenRow row, Instant now) {
    if (row.revokedAt() != null || row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Role.valueOf(row.role()));
  }

  private static TokenInfo info(TokenRow row) {
    return new TokenInfo(row.id(), row.name(), Role.valueOf(row.role()), row.createdAt(), row.expiresAt(),
        row.revokedAt());
  }

  private static String randomText(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace('_', 'x').replace('-', 'y');
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
