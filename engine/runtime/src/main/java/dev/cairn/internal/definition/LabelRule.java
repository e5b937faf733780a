package dev.cairn.internal.definition;

import dev.cairn.WorkerLabel;
import dev.cairn.internal.validate.Text;
import java.math.BigDecimal;
import java.util.Map;

/** A validated {@link WorkerLabel} declaration, and how a worker's labels meet it. */
public record LabelRule(String key, String value, boolean required, int weight, WorkerLabel.Comparator comparator) {
  /** Largest weight of a preferred label. */
  public static final int MAX_WEIGHT = 1000;

  /** @throws IllegalArgumentException naming what is wrong */
  public LabelRule {
    Text.name("label key", key, 100);
    Text.name("label value", value, 200);
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight must be 1.." + MAX_WEIGHT + ", got " + weight);
    }
    if (comparator != WorkerLabel.Comparator.EQUAL && comparator != WorkerLabel.Comparator.NOT_EQUAL
        && number(value) == null) {
      throw new IllegalArgumentException("comparator " + comparator + " of label " + key + " needs a number, got "
          + Text.quote(value));
    }
  }

  /** Whether a worker with {@code labels} meets this rule. */
  public boolean metBy(Map<String, String> labels) {
    String actual = labels.get(key);
    if (actual == null) {
      return false;
    }
    return switch (comparator) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      default -> {
        BigDecimal left = number(actual);
        if (left == null) {
          yield false;
        }
        int order = left.compareTo(number(value));
        yield switch (comparator) {
          case GREATER_THAN -> order > 0;
          case GREATER_THAN_OR_EQUAL -> order >= 0;
          case LESS_THAN -> order < 0;
          case LESS_THAN_OR_EQUAL -> order <= 0;
          default -> throw new IllegalStateException(comparator.toString());
        };
      }
    };
  }

  private static BigDecimal number(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The rule as text, for signatures and messages: {@code pool=cpu-heavy}, {@code memory_gb>=8 (preferred 50)}. */
  @Override
  public String toString() {
    String op = switch (comparator) {
      case EQUAL -> "=";
      case NOT_EQUAL -> "!=";
      case GREATER_THAN -> ">";
      case GREATER_THAN_OR_EQUAL -> ">=";
      case LESS_THAN -> "<";
      case LESS_THAN_OR_EQUAL -> "<=";
    };
    return key + op + value + (required ? "" : " (preferred " + weight + ")");
  }
}
