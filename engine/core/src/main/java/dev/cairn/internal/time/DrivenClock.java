package dev.cairn.internal.time;

import dev.cairn.CairnClock;

/**
 * A clock that moves only when told (the test kit's). The engine attaches itself when it starts, so the clock can
 * see whether every run waits on time, when the next one is due, and wake the engine after it moved. This is the
 * seam between the engine and the test kit; nothing else implements it.
 */
public interface DrivenClock extends CairnClock {
  /** Called by the engine when it starts; {@code engine} stays valid until {@link #detach}. */
  void attach(Timeline engine);

  /** Called by the engine when it closes. */
  void detach(Timeline engine);
}
