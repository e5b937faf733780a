package dev.cairn.internal.runs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.internal.validate.Text;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trigger's filter: clauses {@code /json/pointer == <json value>} joined by {@code &&}, all of which must hold in
 * the event's document {@code {"payload": ..., "metadata": {...}}}. A missing pointer matches nothing (not even
 * {@code null}). Immutable and thread-safe.
 */
public final class EventFilter {
  /** Matches every event. */
  public static final EventFilter NONE = new EventFilter(List.of());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Characters of the JSON parser's complaint a message shows. */
  private static final int MAX_REASON = 120;

  private record Clause(JsonPointer pointer, JsonNode value) {}

  private final List<Clause> clauses;

  private EventFilter(List<Clause> clauses) {
    this.clauses = List.copyOf(clauses);
  }

  /**
   * @param text null or blank for none
   * @throws IllegalArgumentException naming the clause that does not parse
   */
  public static EventFilter parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    List<Clause> clauses = new ArrayList<>();
    int at = 0;
    while (true) {
      at = skipSpace(text, at);
      int equals = text.indexOf("==", at);
      if (equals < 0) {
        throw invalid(text, "clause " + (clauses.size() + 1) + " has no '=='");
      }
      String pointer = text.substring(at, equals).strip();
      JsonPointer compiled;
      try {
        compiled = JsonPointer.compile(pointer);
      } catch (IllegalArgumentException e) {
        throw invalid(text, "clause " + (clauses.size() + 1) + ": " + Text.quote(pointer)
            + " is not a JSON pointer (like /payload/type)");
      }
      if (compiled.matches()) {
        throw invalid(text, "clause " + (clauses.size() + 1) + ": the pointer is empty (say /payload or /metadata)");
      }
      int valueStart = skipSpace(text, equals + 2);
      int[] end = new int[1];
      JsonNode value = readValue(text, valueStart, end, clauses.size() + 1);
      clauses.add(new Clause(compiled, value));
      at = skipSpace(text, end[0]);
      if (at == text.length()) {
        return new EventFilter(clauses);
      }
      if (!text.startsWith("&&", at)) {
        throw invalid(text, "after clause " + clauses.size() + " comes " + Text.quote(text.substring(at))
            + " where '&&' or the end was expected");
      }
      at += 2;
    }
  }

  /** Whether the event's document matches every clause. */
  public boolean matches(JsonNode document) {
    for (Clause clause : clauses) {
      JsonNode found = document.at(clause.pointer());
      if (found.isMissingNode() || !found.equals(clause.value())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the JSON value starting at {@code start}; {@code end[0]} is set to just after it. The value is read as
   * the first entry of an array, so a number may be followed by {@code &&} directly: at the root, Jackson wants a
   * space after one.
   */
  private static JsonNode readValue(String text, int start, int[] end, int clause) {
    if (start >= text.length()) {
      throw invalid(text, "clause " + clause + " has no value after '=='");
    }
    try (JsonParser parser = JSON.createParser("[" + text.substring(start))) {
      parser.nextToken();
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.END_ARRAY) {
        throw invalid(text, "clause " + clause + " has no value after '=='");
      }
      JsonNode value = JSON.readTree(parser);
      end[0] = start + (int) parser.currentLocation().getCharOffset() - 1;
      return value;
    } catch (JsonProcessingException e) {
      throw invalid(text, "clause " + clause + ": the value is not JSON (" + cut(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Jackson's message quotes up to 256 characters of a bad token: at most {@link #MAX_REASON} of it are shown. */
  private static String cut(String reason) {
    return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
  }

  private static int skipSpace(String text, int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException("filter " + Text.quote(text) + " does not parse: " + Text.bounded(problem));
  }
}
