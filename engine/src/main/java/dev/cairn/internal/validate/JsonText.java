package dev.cairn.internal.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * JSON text at a boundary: exactly one JSON value (nothing after it but whitespace), and no U+0000 in any string
 * or field name (PostgreSQL's jsonb cannot store it). Checked by streaming, without building a tree. Stateless.
 */
public final class JsonText {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

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
        } else if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME)
            && parser.getText().indexOf('\u0000') >= 0) {
          throw new IllegalArgumentException(field + " contains U+0000 in a string at character "
              + parser.currentTokenLocation().getCharOffset() + "; it cannot be stored");
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
