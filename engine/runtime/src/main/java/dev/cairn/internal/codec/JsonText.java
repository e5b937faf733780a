package dev.cairn.internal.codec;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.internal.validate.Text;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * JSON text at a boundary: exactly one JSON value (nothing after it but whitespace), no U+0000 and no unpaired
 * surrogate in any string or field name, and no number with more than {@link #MAX_NUMBER_DIGITS} digits before or
 * after the decimal point: PostgreSQL's jsonb refuses the first two and cannot hold the last. Checked by
 * streaming, without building a tree. Stateless.
 */
public final class JsonText {
  /** Most digits a number may have before, and after, its decimal point (well inside PostgreSQL's numeric). */
  public static final int MAX_NUMBER_DIGITS = 1000;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(Text.MAX_QUOTED)
          .maxRawContentLength(Text.MAX_QUOTED).build())
      .build();

  private JsonText() {}

  /**
   * Checks {@code json}.
   *
   * @return the text, unchanged
   * @throws IllegalArgumentException naming {@code field} and what is wrong (with its position)
   */
  public static String check(String field, String json) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException(field + " is not JSON: it is empty");
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() == null) {
        throw new IllegalArgumentException(field + " is not JSON: it is empty");
      }
      int depth = 0;
      do {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
        } else {
          checkScalar(field, parser, token);
        }
      } while (depth > 0 && parser.nextToken() != null);
      if (depth > 0) {
        throw new IllegalArgumentException(field + " is not JSON: it ends inside a value");
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException(field + " is not JSON: content follows the value at character "
            + parser.currentTokenLocation().getCharOffset());
      }
      return json;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(field + " is not JSON: " + Text.bounded(firstLine(e.getOriginalMessage()))
          + " at character " + e.getLocation().getCharOffset());
    } catch (IOException e) {
      throw new IllegalArgumentException(field + " is not JSON: " + Text.bounded(firstLine(e.getMessage())));
    }
  }

  private static void checkScalar(String field, JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
      String text = parser.getText();
      int bad = unstorable(text);
      if (bad >= 0) {
        throw new IllegalArgumentException(field + " holds " + (text.charAt(bad) == 0 ? "U+0000"
            : String.format("an unpaired surrogate U+%04X", (int) text.charAt(bad))) + " in a string at character "
            + parser.currentTokenLocation().getCharOffset() + "; it cannot be stored");
      }
    } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      BigDecimal number = parser.getDecimalValue();
      if (number.scale() > MAX_NUMBER_DIGITS || (long) number.precision() - number.scale() > MAX_NUMBER_DIGITS) {
        throw new IllegalArgumentException(field + " holds a number with more than " + MAX_NUMBER_DIGITS
            + " digits before or after its decimal point at character "
            + parser.currentTokenLocation().getCharOffset() + "; it cannot be stored");
      }
    }
  }

  /** The index of the first U+0000 or unpaired surrogate in {@code text}, or -1. */
  private static int unstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return i;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Checks JSON text Jackson wrote from a caller's value: no U+0000 (which Jackson escapes) and no unpaired
   * surrogate (which Jackson writes as it is, and the driver would store as '?').
   *
   * @return the text, unchanged
   * @throws IllegalArgumentException naming {@code field}
   */
  public static String checkWritten(String field, String json) {
    if (holdsNul(json)) {
      throw new IllegalArgumentException(field + " holds U+0000 in a string; it cannot be stored");
    }
    int bad = unstorable(json);
    if (bad >= 0) {
      throw new IllegalArgumentException(field + String.format(" holds an unpaired surrogate U+%04X in a string;",
          (int) json.charAt(bad)) + " it cannot be stored");
    }
    return json;
  }

  /**
   * True if JSON text written by Jackson holds an escaped U+0000 ({@code \u0000}) in some string. Jackson escapes
   * every control character, so a raw U+0000 never appears in its output.
   */
  public static boolean holdsNul(String json) {
    int length = json.length();
    for (int i = json.indexOf('\\'); i >= 0 && i < length - 1; i = json.indexOf('\\', i)) {
      if (json.charAt(i + 1) == 'u' && json.startsWith("0000", i + 2)) {
        return true;
      }
      i += 2;
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
