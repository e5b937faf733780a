package dev.cairn.internal;

import dev.cairn.db.Store;
import dev.cairn.internal.dispatch.Dispatcher;
import dev.cairn.internal.service.BackgroundLoop;
import dev.cairn.internal.time.Timeline;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** This node's side of a {@link dev.cairn.internal.time.DrivenClock}: what time decides, read from the store. */
final class NodeTimeline implements Timeline {
  private final Store store;
  private final Dispatcher dispatcher;
  private final List<BackgroundLoop> loops;

  NodeTimeline(Store store, Dispatcher dispatcher, List<BackgroundLoop> loops) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.loops = loops;
  }

  @Override
  public boolean isActive() {
    return store.stepAnyActive();
  }

  @Override
  public Optional<Instant> nextDueAt() {
    return store.stepNextDueAt();
  }

  @Override
  public void timeMoved() {
    dispatcher.wake();
    loops.forEach(BackgroundLoop::wakeNow);
  }
}
