package dev.cairn.pipeline.daily;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads a webhook body strictly: exactly one JSON value (nothing after it), no field named twice (two readers
 * could disagree on which one counts), and typed field readers that name the field's path when a value has the
 * wrong type or does not fit. Stateless; messages quote no more than a short escaped prefix of the input.
 */
final class WebhookJson {
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final int REASON_CHARACTERS = 80;

  private WebhookJson() {}

  /** The body as a JSON object. */
  static JsonNode object(byte[] body) {
    JsonNode root;
    try {
      root = STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage().lines().findFirst()
          .orElse("malformed");
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new InvalidFieldException("body", "is not JSON" + where + ": " + DailyFields.escape(reason,
          REASON_CHARACTERS));
    } catch (IOException e) {
      throw new InvalidFieldException("body", "cannot be read");
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidFieldException("body", "is empty");
    }
    return requireObject(root, "body");
  }

  static JsonNode requireObject(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new InvalidFieldException(path, "is missing");
    }
    if (!node.isObject()) {
      throw new InvalidFieldException(path, "is not a JSON object");
    }
    return node;
  }

  /** A string field; null when absent or null and not {@code required}. */
  static String string(JsonNode parent, String name, String path, boolean required) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw new InvalidFieldException(path, "is missing");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidFieldException(path, "is not a string");
    }
    return value.textValue();
  }

  /**
   * A whole number (a float is truncated, as upstream's {@code int()} does) in {@code min..max}; null when absent.
   */
  static Long wholeNumber(JsonNode parent, String name, String path, long min, long max) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidFieldException(path, "is not a number");
    }
    long whole;
    if (value.isIntegralNumber()) {
      BigInteger big = value.bigIntegerValue();
      if (big.bitLength() > 63) {
        throw new InvalidFieldException(path, "is too large; it must be in " + min + ".." + max);
      }
      whole = big.longValue();
    } else {
      double number = value.doubleValue();
      if (!Double.isFinite(number) || Math.abs(number) >= 0x1p63) {
        throw new InvalidFieldException(path, "is too large; it must be in " + min + ".." + max);
      }
      whole = (long) number;
    }
    if (whole < min || whole > max) {
      throw new InvalidFieldException(path, "is " + whole + "; it must be in " + min + ".." + max);
    }
    return whole;
  }
}
