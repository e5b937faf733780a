package dev.cairn.internal.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CancelResult;
import dev.cairn.NotFoundException;
import dev.cairn.RunEvent;
import dev.cairn.RunView;
import dev.cairn.StepView;
import dev.cairn.internal.validate.Text;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The endpoints of one run and the bulk operations on a selection of runs. Thread-safe (stateless). */
final class RunOperations {
  /** Most events one read returns. */
  static final int MAX_EVENTS = 1000;
  /** Most runs one bulk operation names. */
  static final int MAX_SELECTION = 500;
  private final DashboardBackend backend;
  private final List<MetadataLink> links;

  RunOperations(DashboardBackend backend, List<MetadataLink> links) {
    this.backend = backend;
    this.links = List.copyOf(links);
  }

  /** {@code GET /api/runs/{id}}. */
  Map<String, Object> get(ApiRequest request, UUID runId) {
    request.requireOnly();
    RunView run = backend.runs().getRun(runId);
    return RunDocument.of(run, backend.runInput(runId).orElse(null), backend.stepParents(run.workflowName()),
        backend.childRuns(runId, RunDocument.MAX_CHILDREN + 1), links);
  }

  /** {@code GET /api/runs/{id}/events?after=seq&limit=n}: events after a sequence number, oldest first. */
  List<Map<String, Object>> events(ApiRequest request, UUID runId) {
    request.requireOnly("after", "limit");
    String after = request.param("after");
    String limit = request.param("limit");
    long afterSeq = after == null ? 0 : Params.nonNegativeLong("after", after);
    int count = limit == null ? MAX_EVENTS : Params.intBetween("limit", limit, 1, MAX_EVENTS);
    backend.runs().getRun(runId);
    List<RunEvent> events = Params.checked("after", () -> backend.runs().events(runId, afterSeq, count));
    List<Map<String, Object>> body = new ArrayList<>(events.size());
    events.forEach(event -> body.add(event(event)));
    return body;
  }

  static Map<String, Object> event(RunEvent event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("seq", event.seq());
    body.put("type", event.type());
    body.put("stepName", event.stepName());
    body.put("attempt", event.attempt());
    body.put("payload", RunDocument.inline(event.payloadJson()));
    body.put("createdAt", event.createdAt());
    return body;
  }

  /** {@code GET /api/runs/{id}/steps/{name}/output}: a step's whole output as JSON text. */
  String output(ApiRequest request, UUID runId, String stepName) {
    request.requireOnly();
    RunView run = backend.runs().getRun(runId);
    StepView step = run.step(stepName).orElseThrow(() -> new ApiError(404, "step",
        "run " + runId + " has no step " + Text.quote(stepName)));
    return step.outputJson() == null ? "null" : step.outputJson();
  }

  /** {@code POST /api/runs/{id}/cancel}. */
  Map<String, Object> cancel(ApiRequest request, UUID runId) {
    request.requireOnly();
    backend.runs().getRun(runId);
    CancelResult result = backend.runs().cancel(runId);
    return Map.of("id", runId, "result", result);
  }

  /** {@code POST /api/runs/{id}/replay}. */
  Map<String, Object> replay(ApiRequest request, UUID runId) {
    request.requireOnly();
    backend.runs().getRun(runId);
    refusedIfNotReplayable(() -> backend.runs().replay(runId));
    return Map.of("id", runId, "result", "REPLAYED");
  }

  /**
   * {@code POST /api/runs/cancel} or {@code /api/runs/replay} with {@code {"ids": [...]}}: each run in turn, each
   * answered on its own ({@code NOT_FOUND}, a refusal's reason, or the result), so one bad id spoils nothing.
   */
  Map<String, Object> bulk(ApiRequest request, boolean cancel) throws IOException {
    request.requireOnly();
    Set<UUID> ids = selection(request.jsonBody());
    Map<String, Object> results = new LinkedHashMap<>();
    for (UUID id : ids) {
      try {
        backend.runs().getRun(id);
        if (cancel) {
          results.put(id.toString(), backend.runs().cancel(id));
        } else {
          refusedIfNotReplayable(() -> backend.runs().replay(id));
          results.put(id.toString(), "REPLAYED");
        }
      } catch (NotFoundException e) {
        results.put(id.toString(), "NOT_FOUND");
      } catch (ApiError e) {
        results.put(id.toString(), e.getMessage());
      }
    }
    return Map.of("results", results);
  }

  private static Set<UUID> selection(byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest("body", "the body is not JSON");
    }
    JsonNode ids = root == null ? null : root.get("ids");
    if (ids == null || !ids.isArray() || root.size() != 1) {
      throw ApiError.badRequest("ids", "the body must be {\"ids\": [run ids]} and nothing else");
    }
    if (ids.isEmpty() || ids.size() > MAX_SELECTION) {
      throw ApiError.badRequest("ids", "ids must name 1.." + MAX_SELECTION + " runs, got " + ids.size());
    }
    Set<UUID> selection = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      if (!id.isTextual()) {
        throw ApiError.badRequest("ids", "each id must be a string, got " + Text.quote(id.toString()));
      }
      selection.add(Params.uuid("ids", id.textValue()));
    }
    return selection;
  }

  private static void refusedIfNotReplayable(Runnable replay) {
    try {
      replay.run();
    } catch (IllegalStateException e) {
      throw new ApiError(409, "status", e.getMessage());
    }
  }
}
