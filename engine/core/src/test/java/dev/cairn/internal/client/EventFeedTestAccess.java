package dev.cairn.internal.runs;

import dev.cairn.RunEvent;
import dev.cairn.Subscription;
import java.time.Instant;
import java.util.function.Consumer;

/** Reaches the event feed's unchecked subscription from tests, without widening its visibility. */
public final class EventFeedTestAccess {
  private EventFeedTestAccess() {}

  /**
   * Subscribes a metadata filter given as JSON text without the checks {@link EventFeed#watchRuns} makes: the way
   * to get a subscription whose every read fails in the database (malformed JSON text, say).
   */
  public static Subscription watchRunsUnchecked(EventFeed feed, String metadataJson, Instant since,
      Consumer<RunEvent> events, Consumer<Throwable> onFailure) {
    return feed.watchRunsMatching(metadataJson, since, Subscriber.of(events, onFailure));
  }
}
