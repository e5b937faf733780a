package dev.cairn.pipeline.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The expected shape of a structured answer: a JSON object of string, string-array and object-array fields. It
 * renders itself as a strict OpenAI JSON schema and checks an answer against itself, collecting every error so the
 * re-ask can list them all. Immutable and thread-safe.
 */
final class JsonShape {
  enum Kind {
    STRING,
    STRING_ARRAY,
    OBJECT_ARRAY
  }

  /** One field; {@code alias} (nullable) is another key accepted in answers, e.g. "Title" for "title". */
  record Field(String name, String alias, Kind kind, boolean required, JsonShape items) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String name;
  private final List<Field> fields;

  private JsonShape(String name, List<Field> fields) {
    this.name = name;
    this.fields = List.copyOf(fields);
  }

  static JsonShape object(String name, Field... fields) {
    return new JsonShape(name, List.of(fields));
  }

  static Field required(String name, Kind kind) {
    return new Field(name, null, kind, true, null);
  }

  static Field requiredWithAlias(String name, String alias, Kind kind) {
    return new Field(name, alias, kind, true, null);
  }

  static Field optionalString(String name) {
    return new Field(name, null, Kind.STRING, false, null);
  }

  static Field objects(String name, JsonShape items) {
    return new Field(name, null, Kind.OBJECT_ARRAY, true, items);
  }

  String name() {
    return name;
  }

  /**
   * The JSON schema. Strict mode requires every property to be listed as required and no additional properties, so
   * optional fields are declared as "string or null".
   */
  ObjectNode schema() {
    ObjectNode schema = NODES.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    for (Field field : fields) {
      properties.set(field.name(), fieldSchema(field));
      required.add(field.name());
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private static ObjectNode fieldSchema(Field field) {
    ObjectNode schema = NODES.objectNode();
    switch (field.kind()) {
      case STRING:
        if (field.required()) {
          schema.put("type", "string");
        } else {
          schema.putArray("type").add("string").add("null");
        }
        break;
      case STRING_ARRAY:
        schema.put("type", "array").putObject("items").put("type", "string");
        break;
      case OBJECT_ARRAY:
        schema.put("type", "array").set("items", field.items().schema());
        break;
      default:
        throw new IllegalStateException("unknown kind " + field.kind());
    }
    return schema;
  }

  /** Every way {@code answer} differs from this shape; empty when it conforms. */
  List<String> validate(JsonNode answer) {
    List<String> errors = new ArrayList<>();
    validate(answer, "", errors);
    return errors;
  }

  private void validate(JsonNode answer, String path, List<String> errors) {
    if (answer == null || !answer.isObject()) {
      errors.add((path.isEmpty() ? "answer" : path) + ": expected a JSON object but got " + typeOf(answer));
      return;
    }
    for (Field field : fields) {
      validateField(field, value(answer, field), path + field.name(), errors);
    }
  }

  private static void validateField(Field field, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull()) {
      if (field.required()) {
        errors.add(path + ": required field is missing");
      }
      return;
    }
    switch (field.kind()) {
      case STRING:
        if (!value.isTextual()) {
          errors.add(path + ": expected a string but got " + typeOf(value));
        } else if (field.required() && value.asText().isBlank()) {
          errors.add(path + ": must not be empty");
        }
        break;
      case STRING_ARRAY:
        if (!value.isArray()) {
          errors.add(path + ": expected an array of strings but got " + typeOf(value));
          break;
        }
        for (int i = 0; i < value.size(); i++) {
          if (!value.get(i).isTextual()) {
            errors.add(path + "[" + i + "]: expected a string but got " + typeOf(value.get(i)));
          }
        }
        break;
      case OBJECT_ARRAY:
        if (!value.isArray()) {
          errors.add(path + ": expected an array of objects but got " + typeOf(value));
          break;
        }
        for (int i = 0; i < value.size(); i++) {
          field.items().validate(value.get(i), path + "[" + i + "].", errors);
        }
        break;
      default:
        throw new IllegalStateException("unknown kind " + field.kind());
    }
  }

  /** The field's value under its name or its alias; null when absent. */
  static JsonNode value(JsonNode object, Field field) {
    JsonNode value = object.get(field.name());
    if ((value == null || value.isNull()) && field.alias() != null) {
      value = object.get(field.alias());
    }
    return value;
  }

  /** The value of field {@code name} of a conforming answer, by name or alias; null when absent or JSON null. */
  String text(JsonNode answer, String fieldName) {
    for (Field field : fields) {
      if (field.name().equals(fieldName)) {
        JsonNode value = value(answer, field);
        return value == null || value.isNull() ? null : value.asText();
      }
    }
    throw new IllegalArgumentException("shape " + name + " has no field " + fieldName);
  }

  private static String typeOf(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
