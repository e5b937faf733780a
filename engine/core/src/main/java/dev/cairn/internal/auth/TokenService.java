package dev.cairn.internal.auth;

import dev.cairn.CairnClock;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.TokenInfo;
import dev.cairn.Tokens;
import dev.cairn.db.TokenRow;
import dev.cairn.db.TokenStore;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
  /** Longer presented secrets are refused without a lookup. */
  private static final int MAX_SECRET_LENGTH = 200;
  /** Longest token id accepted in a lookup (the engine's own are 12 characters). */
  private static final int MAX_ID_LENGTH = 64;

  private record Verified(TokenRow row, Instant until) {}

  private final TokenStore store;
  private final CairnClock clock;
  private final Map<String, Verified> cache = new ConcurrentHashMap<>();

  public TokenService(TokenStore store, CairnClock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public NewToken create(String name, Role role, Instant expiresAt, String workerId) {
    Text.name("token name", name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("token name must not be blank");
    }
    if (role == null) {
      throw new IllegalArgumentException("token role is required (WORKER, CLIENT or ADMIN)");
    }
    if (expiresAt != null && (expiresAt.isBefore(Ranges.MIN_INSTANT) || expiresAt.isAfter(Ranges.MAX_INSTANT))) {
      throw new IllegalArgumentException("token expires_at " + expiresAt + " is outside " + Ranges.MIN_INSTANT
          + " .. " + Ranges.MAX_INSTANT);
    }
    if (workerId != null && !workerId.isEmpty()) {
      Text.name("token worker_id", workerId);
      if (role != Role.WORKER) {
        throw new IllegalArgumentException("only a WORKER token can be scoped to a worker id, not " + role);
      }
    }
    String id = randomText(9);
    String secret = "cairn_" + id + "_" + randomText(32);
    TokenRow row = store.tokenInsert(id, name, role.name(), sha256(secret), expiresAt,
        workerId == null || workerId.isEmpty() ? null : workerId);
    return new NewToken(info(row), secret);
  }

  @Override
  public List<TokenInfo> list() {
    return store.tokenList().stream().map(TokenService::info).toList();
  }

  /** @throws IllegalArgumentException if {@code id} is not an identifier of at most 64 characters */
  @Override
  public boolean revoke(String id) {
    Text.name("id", id, MAX_ID_LENGTH);
    cache.values().removeIf(verified -> verified.row().id().equals(id));
    return store.tokenRevoke(id);
  }

  /**
   * The token if {@code secret} is a valid, unexpired, unrevoked token; empty otherwise.
   *
   * @throws RuntimeException if the database cannot be asked
   */
  @Override
  public Optional<TokenInfo> verify(String secret) {
    if (secret == null || secret.length() > MAX_SECRET_LENGTH) {
      return Optional.empty();
    }
    Instant now = clock.now();
    Verified cached = cache.get(secret);
    if (cached != null && cached.until().isAfter(now)) {
      return usable(cached.row(), now);
    }
    String[] parts = secret.split("_", 3);
    if (parts.length != 3 || !parts[0].equals("cairn") || !isIdentifier(parts[1])) {
      return Optional.empty();
    }
    Optional<TokenRow> row = store.tokenGet(parts[1]);
    if (row.isEmpty() || !MessageDigest.isEqual(row.get().secretHash(), sha256(secret))) {
      return Optional.empty();
    }
    cache.put(secret, new Verified(row.get(), now.plus(CACHE_TTL)));
    return usable(row.get(), now);
  }

  /** Whether a presented id can be one this service made (anything else is not looked up). */
  private static boolean isIdentifier(String id) {
    try {
      Text.name("id", id, MAX_ID_LENGTH);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Optional<TokenInfo> usable(TokenRow row, Instant now) {
    if (row.revokedAt() != null || row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(info(row));
  }

  private static TokenInfo info(TokenRow row) {
    return new TokenInfo(row.id(), row.name(), Role.valueOf(row.role()), row.createdAt(), row.expiresAt(),
        row.revokedAt(), row.workerId());
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
