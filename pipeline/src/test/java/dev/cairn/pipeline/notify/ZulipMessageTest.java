package dev.cairn.pipeline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZulipMessageTest {
  private static final Instant CREATED = Instant.parse("2026-11-03T14:05:31Z");

  @Test
  void fullReportRendersUpstreamsLayout() {
    ZulipReport report = new ZulipReport("tr-123", "Product sync", CREATED, "https://reflector.example.com",
        84_731, "We agreed to ship offline mode in January.",
        List.of(new ZulipReport.TopicLine("Offline mode for the mobile app", 1.62),
            new ZulipReport.TopicLine("Enterprise pricing tier", 35.68),
            new ZulipReport.TopicLine("Late topic", 3723.9)));

    assertEquals("""
        # Reflector – Product sync

        **Date**: <time:2026-11-03T14:05:31Z>
        **Link**: [reflector.example.com](https://reflector.example.com/transcripts/tr-123)
        **Duration**: 01:24

        ```spoiler Summary
        We agreed to ship offline mode in January.
        ```

        ```spoiler Topics
        1. [00:01] Offline mode for the mobile app
        1. [00:35] Enterprise pricing tier
        1. [1:02:03] Late topic
        ```

        -----
        """, ZulipMessage.render(report));
  }

  @Test
  void missingTitleSummaryAndTopicsUseUpstreamsFallbacks() {
    ZulipReport report = new ZulipReport("tr-9", null, CREATED, "http://localhost:3000/", 3_725_999, "", List.of());

    assertEquals("""
        # Reflector – Unnamed recording

        **Date**: <time:2026-11-03T14:05:31Z>
        **Link**: [localhost:3000](http://localhost:3000/transcripts/tr-9)
        **Duration**: 1:02:05

        ```spoiler Summary
        No summary available
        ```

        -----
        """, ZulipMessage.render(report));
  }

  @Test
  void clockDropsOnlyAZeroHour() {
    assertEquals("00:00", ZulipMessage.clock(0));
    assertEquals("59:59", ZulipMessage.clock(3599));
    assertEquals("1:00:00", ZulipMessage.clock(3600));
    assertEquals("10:00:01", ZulipMessage.clock(36001));
  }

  @Test
  void badReportsAreRefusedNamingTheField() {
    assertEquals("Zulip report createdAt is missing", assertThrows(IllegalArgumentException.class,
        () -> new ZulipReport("t", null, null, "https://x", 0, null, List.of())).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ZulipReport("t", null, CREATED, "https://x", -1, null, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ZulipReport.TopicLine("t", Double.NaN));
  }
}
