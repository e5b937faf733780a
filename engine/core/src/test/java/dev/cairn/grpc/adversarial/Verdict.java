package dev.cairn.grpc.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks an answer must pass: the expected status, and for a refusal a description that names the field, is
 * at most {@link #MAX_DESCRIPTION} characters, echoes no more than {@link #MAX_ECHO} characters of the input and
 * carries no SQL, driver or stack text.
 */
final class Verdict {
  static final int MAX_DESCRIPTION = 1000;
  static final int MAX_ECHO = 200;
  private static final List<String> LEAKS = List.of("ERROR:", "SQL", "Exception", "at dev.", "at java.", "\tat ");
  private static final List<String> LEAKS_ANY_CASE = List.of("jdbc", "org.postgresql", "hikari");

  private Verdict() {}

  static void check(Case sent, Outcome outcome) {
    assertEquals(sent.expected(), outcome.code(), () -> sent.name() + " answered " + shortened(outcome));
    if (sent.expected() == Status.Code.OK) {
      return;
    }
    String description = outcome.description();
    assertNotNull(description, sent.name() + ": a refusal says why");
    assertTrue(description.length() <= MAX_DESCRIPTION,
        () -> sent.name() + ": description of " + description.length() + " characters");
    for (String mention : mentions(sent.field())) {
      assertTrue(normalized(description).contains(normalized(mention)),
          () -> sent.name() + ": description does not name '" + mention + "': " + shortened(outcome));
    }
    for (String leak : LEAKS) {
      assertFalse(description.contains(leak), () -> sent.name() + " leaks '" + leak + "': " + shortened(outcome));
    }
    for (String leak : LEAKS_ANY_CASE) {
      assertFalse(description.toLowerCase(Locale.ROOT).contains(leak),
          () -> sent.name() + " leaks '" + leak + "': " + shortened(outcome));
    }
    assertNoLongEcho(sent, description);
  }

  /**
   * What a description must name: the field ({@code runs[1]} and the field within it for an entry of a list; the
   * map for its keys and values; the token for the bearer header).
   */
  static List<String> mentions(String field) {
    List<String> mentions = new ArrayList<>();
    String rest = field;
    int entry = field.indexOf("].");
    if (entry > 0) {
      mentions.add(field.substring(0, entry + 1));
      rest = field.substring(entry + 2);
    }
    if (rest.endsWith(".key") || rest.endsWith(".value")) {
      rest = rest.substring(0, rest.lastIndexOf('.'));
    }
    mentions.add(rest.equals("authorization") ? "token" : rest);
    return mentions;
  }

  /** Field names compare without case, underscores, spaces or dashes: run_id, runId and "run id" are one name. */
  static String normalized(String text) {
    return text.toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "").replace("-", "");
  }

  /** Long values repeat a short pattern, so checking windows that start within one period covers them all. */
  private static void assertNoLongEcho(Case sent, String description) {
    String text = sent.sentText();
    if (text == null || text.length() <= MAX_ECHO) {
      return;
    }
    for (int offset = 0; offset <= BadValues.PATTERN.length() && offset + MAX_ECHO < text.length(); offset++) {
      String window = text.substring(offset, offset + MAX_ECHO + 1);
      assertFalse(description.contains(window), () -> sent.name() + " echoes more than " + MAX_ECHO
          + " characters of its input: " + description.substring(0, Math.min(300, description.length())));
    }
  }

  static String shortened(Outcome outcome) {
    String text = outcome.toString();
    return text.length() <= 400 ? text : text.substring(0, 400) + "… (" + text.length() + " characters)";
  }
}
