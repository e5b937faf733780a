package dev.cairn.internal.definition;

import com.fasterxml.jackson.core.JsonPointer;

/** Checks JSON pointers (RFC 6901) strictly: Jackson accepts a '~' not followed by 0 or 1, the RFC does not. */
final class JsonPointers {
  private JsonPointers() {}

  /** @throws IllegalArgumentException if {@code pointer} is not a JSON pointer into a value (starting with '/') */
  static void check(String pointer) {
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("does not start with '/'");
    }
    for (int i = 0; i < pointer.length(); i++) {
      if (pointer.charAt(i) == '~'
          && (i + 1 >= pointer.length() || pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1')) {
        throw new IllegalArgumentException("has '~' not followed by 0 or 1 at index " + i);
      }
    }
    JsonPointer.compile(pointer);
  }
}
