package dev.cairn.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cairn.PushedEvent;
import dev.cairn.RunEvent;
import dev.cairn.ScheduleView;
import dev.cairn.StepView;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What commands print: aligned tables for people, JSON (one document, pretty-printed) for scripts. JSON fields that
 * hold JSON (outputs, inputs, payloads) are embedded as JSON, not as strings. Times are ISO-8601 UTC.
 */
final class Output {
  /** Longest table cell; JSON output is never cut. */
  static final int MAX_CELL = 60;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .addMixIn(StepView.class, StepViewJson.class)
      .addMixIn(RunEvent.class, RunEventJson.class)
      .addMixIn(PushedEvent.class, PushedEventJson.class)
      .addMixIn(ScheduleView.class, ScheduleViewJson.class);

  private final PrintWriter out;

  Output(PrintWriter out) {
    this.out = out;
  }

  void json(Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
    out.flush();
  }

  /** Text as is (the live view's escape sequences), flushed. */
  void raw(String text) {
    out.print(text);
    out.flush();
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  /** An aligned table; cells are shortened to {@link #MAX_CELL} characters and kept on one line. */
  void table(List<String> headers, List<List<String>> rows) {
    tableLines(headers, rows).forEach(out::println);
    out.flush();
  }

  static List<String> tableLines(List<String> headers, List<List<String>> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(headers);
    rows.forEach(row -> cells.add(row.stream().map(Output::cell).toList()));
    int[] widths = new int[headers.size()];
    for (List<String> row : cells) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    String text = Failures.oneLine(value instanceof Instant instant ? time(instant) : value.toString());
    return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
  }

  static String time(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** 850ms, 12.3s, 4m05s, 2h10m. */
  static String duration(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format("%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

  static String between(Instant from, Instant to) {
    return from == null || to == null ? "-" : duration(Duration.between(from, to));
  }

  static String json(String rawJson) {
    return rawJson == null || rawJson.isEmpty() ? "-" : rawJson;
  }

  private abstract static class StepViewJson {
    @JsonSerialize(using = RawJson.class)
    abstract String outputJson();
  }

  private abstract static class RunEventJson {
    @JsonSerialize(using = RawJson.class)
    abstract String payloadJson();
  }

  private abstract static class PushedEventJson {
    @JsonSerialize(using = RawJson.class)
    abstract String payloadJson();
  }

  private abstract static class ScheduleViewJson {
    @JsonSerialize(using = RawJson.class)
    abstract String inputJson();
  }

  /** Embeds a field holding JSON text as JSON (empty text: null). */
  static final class RawJson extends StdSerializer<String> {
    private static final long serialVersionUID = 1L;

    RawJson() {
      super(String.class);
    }

    @Override
    public void serialize(String json, JsonGenerator generator, SerializerProvider provider) throws IOException {
      if (json == null || json.isEmpty()) {
        generator.writeNull();
      } else {
        generator.writeRawValue(json);
      }
    }
  }
}
