package dev.cairn.internal.client;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered run ids (UUID version 7): new runs land at the right end of the primary key index instead of
 * all over it. Thread-safe.
 */
final class RunIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  static UUID next() {
    long millis = System.currentTimeMillis();
    long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
    long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
