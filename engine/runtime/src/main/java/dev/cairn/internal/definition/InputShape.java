package dev.cairn.internal.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.cairn.internal.validate.Text;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A JSON description of a Java type's shape ({@code {"kind": "object", "fields": {...}}}, {@code {"kind":
 * "integer"}}, ...), so a node that only knows a workflow from a remote worker can still refuse trigger input
 * that does not fit it. The check mirrors Jackson's (unknown fields are ignored, missing ones are null); it is
 * looser where the shape says {@code any}. Stateless.
 */
public final class InputShape {
  private InputShape() {}

  /** The shape of {@code type}. */
  public static JsonNode of(JavaType type, TypeFactory factory, ObjectMapper mapper) {
    return of(type, factory, mapper, new HashSet<>());
  }

  private static JsonNode of(JavaType type, TypeFactory factory, ObjectMapper mapper, Set<Class<?>> seen) {
    ObjectNode shape = mapper.createObjectNode();
    Class<?> raw = type.getRawClass();
    if (type.isReferenceType()) {
      return of(type.getContentType(), factory, mapper, seen);
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      shape.put("kind", "array").set("items", of(type.getContentType(), factory, mapper, seen));
    } else if (type.isMapLikeType()) {
      shape.put("kind", "map").set("values", of(type.getContentType(), factory, mapper, seen));
    } else if (raw == String.class || raw.isEnum() || raw == UUID.class || raw == char.class
        || raw == Character.class) {
      shape.put("kind", "string");
    } else if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class
        || raw == Integer.class || raw == Long.class || raw == Short.class || raw == Byte.class
        || raw == BigInteger.class) {
      shape.put("kind", "integer");
    } else if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class
        || raw == BigDecimal.class) {
      shape.put("kind", "number");
    } else if (raw == boolean.class || raw == Boolean.class) {
      shape.put("kind", "boolean");
    } else if (raw.isRecord() && seen.add(raw)) {
      ObjectNode fields = shape.put("kind", "object").putObject("fields");
      for (RecordComponent component : raw.getRecordComponents()) {
        fields.set(jsonName(component), of(factory.resolveMemberType(component.getGenericType(), type.getBindings()),
            factory, mapper, seen));
      }
      seen.remove(raw);
    } else {
      shape.put("kind", "any");
    }
    return shape;
  }

  /** The field's name in JSON: Jackson's {@code @JsonProperty} on the component wins over the Java name. */
  private static String jsonName(RecordComponent component) {
    JsonProperty renamed =
        component.getAccessor().getAnnotation(JsonProperty.class);
    return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
  }

  /** Null if {@code value} fits {@code shape}; otherwise where and why it does not. */
  /**
   * Whether a value of this shape can hold something at {@code pointer} (a JSON pointer): each segment must name a
   * field of an object, an index of an array or a key of a map; {@code any} can hold anything.
   */
  public static boolean hasPointer(JsonNode shape, String pointer) {
    JsonNode at = shape;
    for (String segment : pointer.substring(1).split("/", -1)) {
      String kind = at.path("kind").asText("any");
      switch (kind) {
        case "any" -> {
          return true;
        }
        case "object" -> {
          JsonNode field = at.path("fields").get(segment.replace("~1", "/").replace("~0", "~"));
          if (field == null) {
            return false;
          }
          at = field;
        }
        case "map" -> at = at.path("values");
        case "array" -> {
          if (!segment.chars().allMatch(Character::isDigit) || segment.isEmpty()) {
            return false;
          }
          at = at.path("items");
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  public static String misfit(JsonNode value, JsonNode shape) {
    return misfit(value, shape, "input");
  }

  private static String misfit(JsonNode value, JsonNode shape, String path) {
    if (value == null || value.isNull()) {
      return null;
    }
    String kind = shape.path("kind").asText("any");
    switch (kind) {
      case "string":
        return value.isTextual() ? null : path + ": expected a string, got " + value.getNodeType();
      case "integer":
        return value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?\\d+") ? null
            : path + ": expected an integer, got " + describe(value);
      case "number":
        return value.isNumber() || value.isTextual() && value.asText().matches("-?[\\d.eE+-]+") ? null
            : path + ": expected a number, got " + describe(value);
      case "boolean":
        return value.isBoolean() ? null : path + ": expected true or false, got " + describe(value);
      case "array":
        if (!value.isArray()) {
          return path + ": expected an array, got " + value.getNodeType();
        }
        for (int i = 0; i < value.size(); i++) {
          String problem = misfit(value.get(i), shape.path("items"), path + "[" + i + "]");
          if (problem != null) {
            return problem;
          }
        }
        return null;
      case "map":
      case "object":
        if (!value.isObject()) {
          return path + ": expected an object, got " + value.getNodeType();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JsonNode fieldShape = kind.equals("map") ? shape.path("values") : shape.path("fields").get(field.getKey());
          if (fieldShape != null) {
            String problem = misfit(field.getValue(), fieldShape, path + "." + segment(field.getKey()));
            if (problem != null) {
              return problem;
            }
          }
        }
        return null;
      default:
        return null;
    }
  }

  /** A field name as it appears in a path: quoted and cut when it is long or holds control characters. */
  private static String segment(String name) {
    String quoted = Text.quote(name);
    return quoted.length() == name.length() + 2 ? name : quoted;
  }

  private static String describe(JsonNode value) {
    String text = value.toString();
    return value.getNodeType() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }
}
