package dev.cairn.internal.dashboard;

import dev.cairn.Role;
import dev.cairn.WorkerQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/** The read-only pages beside runs: who am I, workers, schedules, flow control and tokens. Thread-safe. */
final class Inventory {
  /** Most flow keys listed. */
  static final int MAX_FLOW_KEYS = 1000;
  private final DashboardBackend backend;

  Inventory(DashboardBackend backend) {
    this.backend = backend;
  }

  Map<String, Object> whoami(ApiRequest request) {
    request.requireOnly();
    return Map.of("role", request.role());
  }

  /** {@code GET /api/workers}: the inventory; admin only, as over gRPC (it names tokens and addresses). */
  Object workers(ApiRequest request) {
    request.requireOnly();
    requireAdmin(request, "the worker inventory");
    return backend.workers().list(WorkerQuery.builder().pageSize(WorkerQuery.MAX_PAGE_SIZE).build());
  }

  Object schedules(ApiRequest request) {
    request.requireOnly();
    return Map.of("schedules", backend.schedules().list());
  }

  Object flowControl(ApiRequest request) {
    request.requireOnly();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rateLimits", backend.rateLimits().list());
    body.put("keys", backend.flowKeys(MAX_FLOW_KEYS));
    return body;
  }

  /** {@code GET /api/tokens}: names, roles and dates, never secrets; admin only. */
  Object tokens(ApiRequest request) {
    request.requireOnly();
    requireAdmin(request, "tokens");
    return Map.of("tokens", backend.tokens().list());
  }

  private static void requireAdmin(ApiRequest request, String what) {
    if (request.role() != Role.ADMIN) {
      throw new ApiError(403, "Authorization", what + " can be read with an ADMIN token only");
    }
  }
}
