package dev.cairn;

import dev.cairn.internal.Engine;

/** Reaches the engine behind a {@link Cairn} from tests, without widening its visibility. */
public final class CairnTestAccess {
  private CairnTestAccess() {}

  public static Engine engine(Cairn cairn) {
    return cairn.engine();
  }
}
