package dev.cairn;

import dev.cairn.internal.validate.Text;
import java.util.Objects;

/**
 * One child run to start from a step: its key (unique among the step's children; starting the same key again,
 * after a retry, a crash or a replay, returns the existing child) and its input.
 */
public record ChildSpec(String key, Object input) {
  /** Longest child key. */
  public static final int MAX_KEY_LENGTH = 255;

  public ChildSpec {
    Objects.requireNonNull(key, "key");
    Text.name("child key", key, MAX_KEY_LENGTH);
  }

  public static ChildSpec of(String key, Object input) {
    return new ChildSpec(key, input);
  }
}
