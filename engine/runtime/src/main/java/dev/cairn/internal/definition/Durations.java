package dev.cairn.internal.definition;

import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration strings of annotations: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, or ISO-8601. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

  private Durations() {}

  /** @throws IllegalArgumentException naming the text when it does not parse or is not positive */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    Matcher matcher = SHORT.matcher(trimmed);
    Duration duration;
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      duration = switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } else {
      try {
        duration = Duration.parse(trimmed);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException(Text.quote(text)
            + " is not a duration (write 500ms, 30s, 5m, 2h, 1d or ISO-8601 like PT30S)");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(Text.quote(text) + " is not a positive duration");
    }
    return duration;
  }
}
