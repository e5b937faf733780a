package dev.cairn.pipeline.summary;

import java.util.Locale;
import java.util.Objects;

/**
 * Title post-processing shared by every summariser (upstream {@code clean_title}, §6.1). Stateless and thread-safe.
 */
public final class Titles {
  /** Straight and typographic quotes a model likes to wrap its one-line answers in. */
  private static final String QUOTES = "\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb";

  private Titles() {}

  /**
   * Trims and collapses whitespace, strips surrounding quotes, capitalises the first word and every word longer than
   * three characters, and lowercases the other words of three characters or fewer ("and", "for", "the").
   *
   * <p>Unlike Python's {@code str.capitalize} used upstream, the rest of a capitalised word is kept as written, so
   * "OpenAI" or "PostgreSQL" survive; short words are lowercased as upstream does.
   *
   * @param title raw title, not null
   * @return the cleaned title; empty if nothing but quotes and whitespace was given
   */
  public static String clean(String title) {
    Objects.requireNonNull(title, "title");
    String stripped = stripQuotes(title.strip());
    String[] words = stripped.split("\\s+");
    StringBuilder cleaned = new StringBuilder(stripped.length());
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      boolean first = cleaned.length() == 0;
      if (!first) {
        cleaned.append(' ');
      }
      cleaned.append(first || word.length() > 3 ? capitalise(word) : word.toLowerCase(Locale.ROOT));
    }
    return cleaned.toString();
  }

  private static String stripQuotes(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && QUOTES.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && QUOTES.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(start, end).strip();
  }

  private static String capitalise(String word) {
    int first = word.codePointAt(0);
    return new StringBuilder(word.length())
        .appendCodePoint(Character.toTitleCase(first))
        .append(word, Character.charCount(first), word.length())
        .toString();
  }
}
