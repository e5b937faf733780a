package dev.cairn.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  private final AtomicLong nanos = new AtomicLong();
  private final ReconnectBackoff backoff = new ReconnectBackoff(nanos::get);

  private void advanceMillis(long millis) {
    nanos.addAndGet(millis * 1_000_000);
  }

  @Test
  void failuresDoubleTheWaitUpToTheCap() {
    long[] expected = {200, 400, 800, 1600, 3200, 6400, 10_000, 10_000};
    for (long delay : expected) {
      assertEquals(delay, backoff.nextDelayMillis());
    }
  }

  @Test
  void aHealthySessionStartsTheNextOutageOverWithAShortWait() {
    for (int i = 0; i < 8; i++) {
      backoff.nextDelayMillis();
    }
    backoff.connected();
    advanceMillis(ReconnectBackoff.HEALTHY_MILLIS);
    assertEquals(200, backoff.nextDelayMillis());
    assertEquals(400, backoff.nextDelayMillis());
  }

  @Test
  void aSessionThatEndsAtOnceDoesNotResetTheWait() {
    assertEquals(200, backoff.nextDelayMillis());
    assertEquals(400, backoff.nextDelayMillis());
    backoff.connected();
    advanceMillis(100);
    assertEquals(800, backoff.nextDelayMillis(), "a flapping engine is not hammered");
  }
}
