package dev.cairn.pipeline.http;

import dev.cairn.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenCheck} that remembers another's answers, positive and negative, for a short time: a revoked token
 * stops working within that time (plus the engine's own cache), and a stream of requests, or of guesses, asks the
 * engine at most once per secret per period. A failure to decide is not remembered. Secrets are kept only as their
 * SHA-256; the memory holds at most {@value #MAX_ENTRIES} answers. Thread-safe.
 */
public final class CachedTokenCheck implements TokenCheck {
  /** How long an answer is remembered. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
  static final int MAX_ENTRIES = 10_000;

  private record Answer(Optional<Role> role, Instant until) {}

  private final TokenCheck source;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  public CachedTokenCheck(TokenCheck source, Clock clock, Duration ttl) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("token cache ttl must not be negative, got " + ttl);
    }
    this.ttl = ttl;
  }

  @Override
  public Optional<Role> roleOf(String secret) {
    String key = sha256(secret);
    Instant now = clock.instant();
    Answer known = answers.get(key);
    if (known != null && now.isBefore(known.until())) {
      return known.role();
    }
    Optional<Role> role = source.roleOf(secret);
    if (answers.size() >= MAX_ENTRIES) {
      answers.values().removeIf(answer -> !now.isBefore(answer.until()));
      if (answers.size() >= MAX_ENTRIES) {
        answers.clear(); // a flood of distinct guesses: forgetting costs only extra questions
      }
    }
    answers.put(key, new Answer(role, now.plus(ttl)));
    return role;
  }

  private static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }
}
