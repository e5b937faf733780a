package dev.cairn.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.internal.validate.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A key computed from a run's input and metadata: literal text with placeholders {@code {/json/pointer}} (a value
 * of the input) and {@code {meta:name}} (a metadata value). The empty template is the one global key. Parsed once
 * at registration (a malformed template is a definition error), evaluated at trigger (a placeholder that finds
 * nothing fails the trigger). Immutable.
 */
public final class KeyTemplate {
  /** Longest key a template may produce. */
  public static final int MAX_KEY_LENGTH = 255;
  /** Longest template. */
  public static final int MAX_TEMPLATE_LENGTH = 500;

  private sealed interface Part permits Literal, InputValue, MetadataValue {}

  private record Literal(String text) implements Part {}

  private record InputValue(String pointer) implements Part {}

  private record MetadataValue(String name) implements Part {}

  private final String source;
  private final List<Part> parts;

  private KeyTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /** @throws IllegalArgumentException saying what is malformed */
  public static KeyTemplate parse(String template) {
    Text.optionalName("key template", template, MAX_TEMPLATE_LENGTH);
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') {
        throw new IllegalArgumentException("key template " + Text.quote(template) + " has a '}' without '{'");
      }
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      int end = template.indexOf('}', i);
      if (end < 0) {
        throw new IllegalArgumentException("key template " + Text.quote(template) + " has an unclosed '{'");
      }
      if (!literal.isEmpty()) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      String placeholder = template.substring(i + 1, end);
      if (placeholder.startsWith("/")) {
        try {
          JsonPointers.check(placeholder);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("key template " + Text.quote(template) + ": " + Text.quote(placeholder)
              + " is not a JSON pointer");
        }
        parts.add(new InputValue(placeholder));
      } else if (placeholder.startsWith("meta:") && placeholder.length() > 5) {
        parts.add(new MetadataValue(placeholder.substring(5)));
      } else {
        throw new IllegalArgumentException("key template " + Text.quote(template) + ": placeholder "
            + Text.quote(placeholder) + " is neither {/json/pointer} nor {meta:name}");
      }
      i = end + 1;
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return new KeyTemplate(template, parts);
  }

  public String source() {
    return source;
  }

  /** The JSON pointers into the input this template reads (checked against the input type at registration). */
  public List<String> inputPointers() {
    return parts.stream().filter(InputValue.class::isInstance).map(part -> ((InputValue) part).pointer()).toList();
  }

  /**
   * The key of one run.
   *
   * @throws IllegalArgumentException if a placeholder finds no scalar value, or the key is too long
   */
  public String evaluate(JsonNode input, Map<String, String> metadata) {
    StringBuilder key = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        key.append(literal.text());
      } else if (part instanceof InputValue value) {
        JsonNode found = input == null ? null : input.at(value.pointer());
        if (found == null || found.isMissingNode() || found.isNull() || found.isContainerNode()) {
          throw new IllegalArgumentException("key " + Text.quote(source) + ": the input has no scalar value at "
              + value.pointer());
        }
        key.append(found.asText());
      } else if (part instanceof MetadataValue value) {
        String found = metadata.get(value.name());
        if (found == null) {
          throw new IllegalArgumentException("key " + Text.quote(source) + ": the run has no metadata "
              + Text.quote(value.name()));
        }
        key.append(found);
      }
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("key " + Text.quote(source) + " evaluates to " + key.length()
          + " characters; at most " + MAX_KEY_LENGTH);
    }
    return key.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
