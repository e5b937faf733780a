package dev.cairn.internal.validate;

import java.util.Map;

/**
 * Identifiers and free text at a boundary. Identifiers (names, keys, ids) are 1..max characters without control
 * characters; free text may hold tabs and line breaks but never U+0000, which PostgreSQL cannot store. Stateless.
 */
public final class Text {
  /** Longest identifier accepted by default: workflow, step, token and worker names, metadata keys, event keys. */
  public static final int MAX_NAME = 200;
  /** Longest metadata value. */
  public static final int MAX_METADATA_VALUE = 2000;
  /** Most metadata entries on one run or filter. */
  public static final int MAX_METADATA_ENTRIES = 64;
  /** Characters of a refused value quoted back in a message. */
  public static final int MAX_QUOTED = 60;
  /** Longest message text a status or exception carries. */
  public static final int MAX_MESSAGE = 1000;

  private Text() {}

  /**
   * Checks an identifier: 1..{@code max} characters, not only whitespace (an invisible name is always a mistake),
   * no control characters (C0, DEL, C1) and no unpaired surrogates.
   *
   * @return the value
   * @throws IllegalArgumentException naming {@code field}
   */
  public static String name(String field, String value, int max) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(field + " is " + value.length() + " characters long; at most " + max
          + " are allowed");
    }
    int bad = firstControl(value);
    if (bad >= 0) {
      throw new IllegalArgumentException(field + " contains " + describe(value.charAt(bad)) + " at index " + bad
          + ": " + quote(value));
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
    return value;
  }

  /** As {@link #name(String, String, int)} with {@link #MAX_NAME}. */
  public static String name(String field, String value) {
    return name(field, value, MAX_NAME);
  }

  /** As {@link #name(String, String)}, but null and empty are allowed (they mean "none"). */
  public static String optionalName(String field, String value, int max) {
    return value == null || value.isEmpty() ? value : name(field, value, max);
  }

  /**
   * Checks free text (an error message, a log line, a reason): at most {@code max} characters and no U+0000.
   *
   * @throws IllegalArgumentException naming {@code field}
   */
  public static String text(String field, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(field + " is " + value.length() + " characters long; at most " + max
          + " are allowed");
    }
    int nul = value.indexOf('\u0000');
    if (nul >= 0) {
      throw new IllegalArgumentException(field + " contains U+0000 at index " + nul + ": " + quote(value));
    }
    return value;
  }

  /** Free text made storable instead of refused: U+0000 removed and cut to {@code max} characters. */
  public static String sanitize(String value, int max) {
    if (value == null) {
      return null;
    }
    String clean = value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
    return clean.length() <= max ? clean : clean.substring(0, max) + "…";
  }

  /**
   * Checks string key/values (metadata and metadata filters): at most {@link #MAX_METADATA_ENTRIES} entries, keys
   * are identifiers, values free text up to {@link #MAX_METADATA_VALUE} without control characters.
   */
  public static Map<String, String> metadata(String field, Map<String, String> values) {
    if (values.size() > MAX_METADATA_ENTRIES) {
      throw new IllegalArgumentException(field + " has " + values.size() + " entries; at most "
          + MAX_METADATA_ENTRIES + " are allowed");
    }
    values.forEach((key, value) -> {
      name(field + " key", key, MAX_NAME);
      if (value == null) {
        throw new IllegalArgumentException(field + "[" + quote(key) + "] is null");
      }
      if (value.length() > MAX_METADATA_VALUE) {
        throw new IllegalArgumentException(field + "[" + quote(key) + "] is " + value.length()
            + " characters long; at most " + MAX_METADATA_VALUE + " are allowed");
      }
      int bad = firstControl(value);
      if (bad >= 0) {
        throw new IllegalArgumentException(field + "[" + quote(key) + "] contains " + describe(value.charAt(bad))
            + " at index " + bad);
      }
    });
    return values;
  }

  /**
   * A value as it may appear in a message: quoted, control characters escaped, at most {@link #MAX_QUOTED}
   * characters of it followed by its full length.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder quoted = new StringBuilder("'");
    int shown = Math.min(value.length(), MAX_QUOTED);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || Character.isSurrogate(c)) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    quoted.append('\'');
    if (value.length() > shown) {
      quoted.append("… (").append(value.length()).append(" characters)");
    }
    return quoted.toString();
  }

  /** Cuts a message (one that may embed input) to at most {@link #MAX_MESSAGE} characters, marker included. */
  public static String bounded(String message) {
    if (message == null || message.length() <= MAX_MESSAGE) {
      return message;
    }
    String marker = "… (cut)";
    return message.substring(0, MAX_MESSAGE - marker.length()) + marker;
  }

  private static int firstControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(char c) {
    return Character.isSurrogate(c) ? String.format("an unpaired surrogate U+%04X", (int) c)
        : String.format("the control character U+%04X", (int) c);
  }
}
