package dev.cairn;

import java.util.Objects;

/**
 * One child run to start from a step: its key (unique among the step's children; starting the same key again,
 * after a retry, a crash or a replay, returns the existing child) and its input.
 */
public record ChildSpec(String key, Object input) {
  public ChildSpec {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > 255) {
      throw new IllegalArgumentException("child key must be 1..255 characters, got '" + key + "'");
    }
  }

  public static ChildSpec of(String key, Object input) {
    return new ChildSpec(key, input);
  }
}
