package dev.cairn.fault;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the processes' own logs say, condensed for the report: the cancellations workers received (by the reason
 * the engine gave), results refused as superseded, and the warnings and errors each process logged.
 */
final class LogSummary {
  private static final Pattern CANCELLED = Pattern.compile("engine cancelled .* \\(([^()]*)\\)$");
  private static final Pattern LEVEL = Pattern.compile("\\] (WARN|ERROR) (\\S+) - (.*)$");
  private static final int DISTINCT_SHOWN = 4;

  private LogSummary() {}

  static List<String> of(List<Member> members) throws IOException {
    List<String> lines = new ArrayList<>();
    Map<String, Integer> cancellations = new TreeMap<>();
    int refused = 0;
    for (Member member : members) {
      Map<String, Integer> problems = new TreeMap<>();
      for (File file : member.logs()) {
        for (String line : Files.readAllLines(file.toPath())) {
          Matcher cancelled = CANCELLED.matcher(line);
          if (cancelled.find()) {
            cancellations.merge(cancelled.group(1), 1, Integer::sum);
          }
          if (line.contains("refused: the attempt was superseded")) {
            refused++;
          }
          Matcher level = LEVEL.matcher(line);
          if (level.find()) {
            problems.merge(level.group(1) + " " + level.group(2) + " - " + shorten(level.group(3)), 1, Integer::sum);
          }
        }
      }
      lines.add(member + " (" + member.logs().size() + " processes, logs " + member.logs() + "): "
          + problems.values().stream().mapToInt(Integer::intValue).sum() + " warnings/errors");
      problems.entrySet().stream().limit(DISTINCT_SHOWN)
          .forEach(problem -> lines.add("    " + problem.getValue() + "x " + problem.getKey()));
    }
    lines.add("cancellations received by workers, by reason: " + cancellations);
    lines.add("results refused on workers as superseded: " + refused);
    return lines;
  }

  /** Log messages without the ids that make every line distinct, so alike lines count together. */
  private static String shorten(String message) {
    String general = message.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
        .replaceAll("@[0-9a-f]+\\b", "@<object>").replaceAll("\\b\\d+\\b", "<n>");
    return general.length() > 160 ? general.substring(0, 160) + "..." : general;
  }
}
