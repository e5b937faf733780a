package dev.cairn.internal.dashboard;

/**
 * Bounds what the API says: messages (which quote at most a short prefix of a value, see Text.quote) cut short.
 * Thread-safe (static, stateless).
 */
final class Quote {
  /** Longest error message sent. */
  static final int MAX_MESSAGE = 500;

  private Quote() {}

  /** {@code message} cut to {@link #MAX_MESSAGE} characters, control characters replaced by spaces. */
  static String bounded(String message) {
    String text = message == null ? "" : message;
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE - 3) + "...";
    }
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      clean.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return clean.toString();
  }
}
