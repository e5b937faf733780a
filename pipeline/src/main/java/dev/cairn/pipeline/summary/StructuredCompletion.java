package dev.cairn.pipeline.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's {@code get_structured_response} (§6): a free-form analysis first, then the analysis restated as JSON
 * under a strict {@code json_schema} response format, validated against a {@link JsonShape}; an invalid answer is
 * re-asked with the errors and the (truncated) previous output, up to {@link #MAX_FORMAT_ATTEMPTS} attempts.
 * Thread-safe.
 */
final class StructuredCompletion {
  /** Formatting attempts in total (upstream {@code LLM_PARSE_MAX_RETRIES + 1}). */
  static final int MAX_FORMAT_ATTEMPTS = 4;

  /** How much of a rejected answer is quoted back in the re-ask. */
  static final int FEEDBACK_OUTPUT_CHARS = 2000;

  private static final Logger LOG = LoggerFactory.getLogger(StructuredCompletion.class);
  private static final String FORMAT_SYSTEM = "You turn an analysis into one JSON object that follows the given JSON "
      + "schema exactly. Answer with the JSON object only: no prose, no markdown fences.";

  private final ObjectMapper json;
  private final ChatClient chat;

  StructuredCompletion(ObjectMapper json, ChatClient chat) {
    this.json = json;
    this.chat = chat;
  }

  /** The validated answer; throws {@link SummaryException} naming the schema and the last errors. */
  JsonNode complete(String system, String analysisRequest, double temperature, JsonShape shape) {
    String analysis = chat.complete(system, analysisRequest, temperature, null);
    ObjectNode responseFormat = responseFormat(shape);
    String previous = null;
    List<String> errors = List.of();
    for (int attempt = 1; attempt <= MAX_FORMAT_ATTEMPTS; attempt++) {
      String answer = chat.complete(FORMAT_SYSTEM, formatRequest(shape, analysis, previous, errors), temperature,
          responseFormat);
      JsonNode parsed = null;
      try {
        parsed = parse(answer);
        errors = shape.validate(parsed);
      } catch (JsonProcessingException e) {
        errors = List.of("the answer is not valid JSON: " + e.getOriginalMessage());
      }
      if (errors.isEmpty()) {
        return parsed;
      }
      LOG.warn("LLM answer for schema {} rejected (attempt {} of {}): {}", shape.name(), attempt,
          MAX_FORMAT_ATTEMPTS, errors);
      previous = answer;
    }
    throw new SummaryException("LLM gave no valid " + shape.name() + " answer in " + MAX_FORMAT_ATTEMPTS
        + " attempts; last errors: " + errors);
  }

  private ObjectNode responseFormat(JsonShape shape) {
    ObjectNode format = json.createObjectNode().put("type", "json_schema");
    format.putObject("json_schema").put("name", shape.name()).put("strict", true).set("schema", shape.schema());
    return format;
  }

  private static String formatRequest(JsonShape shape, String analysis, String previous, List<String> errors) {
    StringBuilder request = new StringBuilder()
        .append("Restate the analysis below as a JSON object following the schema \"").append(shape.name())
        .append("\":\n").append(shape.schema().toString())
        .append("\n\n<analysis>\n").append(analysis).append("\n</analysis>");
    if (previous != null) {
      request.append("\n\nYour previous answer was rejected.\n<previous_answer>\n")
          .append(truncate(previous)).append("\n</previous_answer>\nErrors:\n");
      errors.forEach(error -> request.append("- ").append(error).append('\n'));
      request.append("Answer again with a corrected JSON object.");
    }
    return request.toString();
  }

  private static String truncate(String text) {
    return text.length() <= FEEDBACK_OUTPUT_CHARS ? text : text.substring(0, FEEDBACK_OUTPUT_CHARS) + "...";
  }

  /** The answer as JSON, tolerating a markdown code fence around it. */
  private JsonNode parse(String answer) throws JsonProcessingException {
    String text = answer.strip();
    if (text.startsWith("```")) {
      int firstLineEnd = text.indexOf('\n');
      int fenceEnd = text.lastIndexOf("```");
      if (firstLineEnd > 0 && fenceEnd > firstLineEnd) {
        text = text.substring(firstLineEnd + 1, fenceEnd).strip();
      }
    }
    return json.readTree(text);
  }
}
