package dev.cairn.internal.dashboard;

import dev.cairn.RunView;
import dev.cairn.StepView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as the run page draws it: the run (its input cut as outputs are), the configured links of its metadata
 * (URLs filled in here, so the page needs no template logic), each step with its parents (the graph's edges) and its
 * output and error cut to {@value #MAX_INLINE_CHARS} characters (the whole output is
 * {@code GET .../steps/{name}/output}), and its child runs. Thread-safe (static, stateless).
 */
final class RunDocument {
  /** Longest output or error sent inline; the page offers the rest on demand. */
  static final int MAX_INLINE_CHARS = 2000;
  /** Most child runs sent with a run; the page says when there are more. */
  static final int MAX_CHILDREN = 5000;

  private RunDocument() {}

  static Map<String, Object> of(RunView run, String input, Map<String, List<String>> parents,
      List<DashboardBackend.ChildRun> children, List<MetadataLink> links) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", run.id());
    body.put("workflowName", run.workflowName());
    body.put("status", run.status());
    body.put("metadata", run.metadata());
    body.put("links", links(run.metadata(), links));
    body.put("error", inline(run.error()));
    body.put("input", inline(input));
    body.put("inputLength", input == null ? 0 : input.length());
    body.put("createdAt", run.createdAt());
    body.put("startedAt", run.startedAt());
    body.put("finishedAt", run.finishedAt());
    body.put("startAt", run.startAt());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (StepView step : run.steps()) {
      steps.add(step(step, parents.getOrDefault(step.name(), List.of())));
    }
    body.put("steps", steps);
    body.put("children", children.size() > MAX_CHILDREN ? children.subList(0, MAX_CHILDREN) : children);
    body.put("moreChildren", children.size() > MAX_CHILDREN);
    return body;
  }

  /** The configured links of the run's metadata entries, their URLs filled in, in the order configured. */
  private static List<Map<String, String>> links(Map<String, String> metadata, List<MetadataLink> links) {
    List<Map<String, String>> filled = new ArrayList<>();
    for (MetadataLink link : links) {
      String value = metadata.get(link.metadataKey());
      if (value != null) {
        filled.add(Map.of("key", link.metadataKey(), "label", link.label(), "url", link.urlFor(value)));
      }
    }
    return filled;
  }

  private static Map<String, Object> step(StepView step, List<String> parents) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", step.name());
    body.put("status", step.status());
    body.put("parents", parents);
    body.put("attempts", step.attempts());
    body.put("failures", step.failures());
    body.put("workerId", step.workerId());
    body.put("queuedAt", step.queuedAt());
    body.put("startedAt", step.startedAt());
    body.put("finishedAt", step.finishedAt());
    body.put("output", inline(step.outputJson()));
    body.put("outputLength", step.outputJson() == null ? 0 : step.outputJson().length());
    body.put("error", inline(step.error()));
    body.put("errorLength", step.error() == null ? 0 : step.error().length());
    body.put("blockedReason", step.blockedReason());
    return body;
  }

  static String inline(String text) {
    return text == null || text.length() <= MAX_INLINE_CHARS ? text : text.substring(0, MAX_INLINE_CHARS);
  }
}
