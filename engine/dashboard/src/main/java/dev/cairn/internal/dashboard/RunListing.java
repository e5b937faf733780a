package dev.cairn.internal.dashboard;

import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.internal.validate.Text;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/runs}: one page of runs with the counts per status of every run the filters match.
 *
 * <p>Parameters: {@code workflow}, {@code status} (repeatable), {@code meta} ({@code key=value}, repeatable),
 * {@code from} and {@code to} (ISO-8601 creation time), {@code pageSize} (1..{@value #MAX_PAGE_SIZE}),
 * {@code pageToken}. Thread-safe (stateless over the backend).
 */
final class RunListing {
  static final int MAX_PAGE_SIZE = 200;
  private final DashboardBackend backend;

  RunListing(DashboardBackend backend) {
    this.backend = backend;
  }

  Map<String, Object> list(ApiRequest request) {
    request.requireOnly("workflow", "status", "meta", "from", "to", "pageSize", "pageToken");
    RunQuery query = query(request, true);
    RunPage page = Params.checked("pageToken", () -> backend.runs().listRuns(query));
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    for (RunStatus status : RunStatus.values()) {
      counts.put(status, 0L);
    }
    counts.putAll(backend.countRuns(query(request, false)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runs", page.runs());
    body.put("nextPageToken", page.nextPageToken());
    body.put("counts", counts);
    return body;
  }

  /** The filters of {@code request}; counts are taken over every status, so the chips show what a click would. */
  static RunQuery query(ApiRequest request, boolean withStatusAndPaging) {
    RunQuery.Builder query = RunQuery.builder();
    String workflow = request.param("workflow");
    if (workflow != null && !workflow.isEmpty()) {
      Params.checked("workflow", () -> query.workflow(workflow));
    }
    if (withStatusAndPaging) {
      for (String status : request.params("status")) {
        query.status(Params.runStatus("status", status));
      }
      String size = request.param("pageSize");
      if (size != null) {
        query.pageSize(Params.intBetween("pageSize", size, 1, MAX_PAGE_SIZE));
      }
      String token = request.param("pageToken");
      if (token != null && !token.isEmpty()) {
        Params.checked("pageToken", () -> query.pageToken(token));
      }
    }
    metadata(request.params("meta"), query);
    String from = request.param("from");
    if (from != null && !from.isEmpty()) {
      Params.checked("from", () -> query.createdFrom(Params.instant("from", from)));
    }
    String to = request.param("to");
    if (to != null && !to.isEmpty()) {
      Params.checked("to", () -> query.createdTo(Params.instant("to", to)));
    }
    return Params.checked("filters", query::build);
  }

  private static void metadata(List<String> pairs, RunQuery.Builder query) {
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw ApiError.badRequest("meta", "meta must be key=value, got " + Text.quote(pair));
      }
      query.metadata(pair.substring(0, equals), pair.substring(equals + 1));
    }
  }
}
