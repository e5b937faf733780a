package dev.cairn.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint against hostile input: each request is refused with the status and field named below, its answer
 * is short JSON without stack or SQL text, and the run it aims at is left running.
 */
class DashboardHostileInputTest {
  @RegisterExtension
  static final DashboardEngine engine = new DashboardEngine();
  private static final ObjectMapper json = new ObjectMapper();
  private static final String TOKEN = "{token}";
  private static final String RUN = "{run}";
  private static RunHandle<Object> sentinel;

  /** One hostile request; {@code {token}} stands for a CLIENT token and {@code {run}} for the running sentinel. */
  record Case(String name, String method, String path, Map<String, String> headers, String body, int status,
      String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case get(String name, String path, int status, String field) {
    return new Case(name, "GET", path, Map.of("Authorization", "Bearer " + TOKEN), "", status, field);
  }

  private static Case post(String name, String path, String body, int status, String field) {
    return new Case(name, "POST", path, Map.of("Authorization", "Bearer " + TOKEN, "Content-Type",
        "application/json"), body, status, field);
  }

  private static Case headers(String name, String method, String path, Map<String, String> headers, int status,
      String field) {
    return new Case(name, method, path, headers, "", status, field);
  }

  static Stream<Case> cases() {
    String ids501 = IntStream.range(0, 501).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
        .collect(Collectors.joining(","));
    return Stream.of(
        headers("no token", "GET", "/api/runs", Map.of(), 401, "Authorization"),
        headers("basic scheme", "GET", "/api/runs", Map.of("Authorization", "Basic dXNlcjpwYXNz"), 401,
            "Authorization"),
        headers("unknown token", "GET", "/api/runs", Map.of("Authorization", "Bearer cairn_abc_def"), 401,
            "Authorization"),
        headers("huge token", "GET", "/api/runs", Map.of("Authorization", "Bearer " + "a".repeat(20_000)), 401,
            "Authorization"),
        headers("token with a control character", "GET", "/api/runs",
            Map.of("Authorization", "Bearer cairn_\u0001x_y"), 401, "Authorization"),
        headers("worker token", "GET", "/api/runs", Map.of("Authorization", "Bearer {worker}"), 403,
            "Authorization"),
        headers("client reads tokens", "GET", "/api/tokens", Map.of("Authorization", "Bearer " + TOKEN), 403,
            "Authorization"),
        headers("client reads workers", "GET", "/api/workers", Map.of("Authorization", "Bearer " + TOKEN), 403,
            "Authorization"),
        headers("cancel with a cookie only (CSRF)", "POST", "/api/runs/" + RUN + "/cancel",
            Map.of("Cookie", "token=" + TOKEN), 401, "Authorization"),
        new Case("bulk cancel as a form post (CSRF)", "POST", "/api/runs/cancel", Map.of("Authorization",
            "Bearer " + TOKEN, "Content-Type", "text/plain"), "{\"ids\":[\"" + RUN + "\"]}", 415, "Content-Type"),
        get("malformed run id", "/api/runs/not-a-uuid", 400, "id"),
        get("short uuid form", "/api/runs/1-1-1-1-1", 400, "id"),
        get("NUL run id", "/api/runs/%00", 400, "id"),
        get("unknown run", "/api/runs/" + UUID.randomUUID(), 404, "id"),
        get("NUL step name", "/api/runs/" + RUN + "/steps/%00/output", 404, "step"),
        get("huge step name", "/api/runs/" + RUN + "/steps/" + "s".repeat(400) + "/output", 404, "step"),
        // The JDK's HTTP parser refuses a malformed URI itself (400, its own short HTML naming URISyntaxException,
        // nothing of the input) before any handler runs.
        get("bad percent escape in the path", "/api/runs/%zz", 400, null),
        get("bad percent escape in the query", "/api/runs?workflow=%zz", 400, null),
        get("huge path", "/api/runs/" + "x".repeat(600), 414, "path"),
        get("unknown endpoint", "/api/nope", 404, "path"),
        headers("unknown method", "DELETE", "/api/runs/" + RUN, Map.of("Authorization", "Bearer " + TOKEN), 405,
            "method"),
        get("unknown status", "/api/runs?status=BOGUS", 400, "status"),
        get("page size zero", "/api/runs?pageSize=0", 400, "pageSize"),
        get("page size overflowing", "/api/runs?pageSize=99999999999999999999", 400, "pageSize"),
        get("page size not a number", "/api/runs?pageSize=abc", 400, "pageSize"),
        get("forged page token", "/api/runs?pageToken=garbage", 400, "pageToken"),
        get("huge page token", "/api/runs?pageToken=" + "p".repeat(300), 400, "pageToken"),
        get("NUL in workflow", "/api/runs?workflow=a%00b", 400, "workflow"),
        get("huge workflow", "/api/runs?workflow=" + "w".repeat(300), 400, "workflow"),
        get("workflow twice", "/api/runs?workflow=a&workflow=b", 400, "workflow"),
        get("metadata without =", "/api/runs?meta=novalue", 400, "meta"),
        get("control character in metadata", "/api/runs?meta=k%3Dv%01", 400, "filters"),
        get("time not ISO", "/api/runs?from=yesterday", 400, "from"),
        get("year past 9999", "/api/runs?from=%2B99999-01-01T00:00:00Z", 400, "from"),
        get("from after to", "/api/runs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "filters"),
        get("unknown parameter", "/api/runs?sql=drop", 400, "sql"),
        get("query too long", "/api/runs?workflow=" + "q".repeat(5000), 400, "query"),
        get("negative after", "/api/runs/" + RUN + "/events?after=-1", 400, "after"),
        get("overflowing after", "/api/runs/" + RUN + "/events?after=99999999999999999999", 400, "after"),
        get("after past the log", "/api/runs/" + RUN + "/events?after=1000000", 400, "after"),
        get("limit zero", "/api/runs/" + RUN + "/events?limit=0", 400, "limit"),
        headers("bad Last-Event-ID", "GET", "/api/runs/" + RUN + "/stream",
            Map.of("Authorization", "Bearer " + TOKEN, "Last-Event-ID", "abc"), 400, "Last-Event-ID"),
        post("bulk body not JSON", "/api/runs/cancel", "{ids:", 400, "body"),
        post("bulk ids not a list", "/api/runs/cancel", "{\"ids\": \"" + RUN + "\"}", 400, "ids"),
        post("bulk ids empty", "/api/runs/cancel", "{\"ids\": []}", 400, "ids"),
        post("bulk id a number", "/api/runs/cancel", "{\"ids\": [1]}", 400, "ids"),
        post("bulk id malformed", "/api/runs/replay", "{\"ids\": [\"nope\"]}", 400, "ids"),
        post("bulk id with NUL", "/api/runs/cancel", "{\"ids\": [\"\\u0000" + RUN + "\"]}", 400, "ids"),
        post("bulk too many ids", "/api/runs/cancel", "{\"ids\": [" + ids501 + "]}", 400, "ids"),
        post("bulk extra member", "/api/runs/cancel", "{\"ids\": [\"" + RUN + "\"], \"all\": true}", 400, "ids"),
        post("bulk deeply nested", "/api/runs/cancel", "[".repeat(5000) + "]".repeat(5000), 400, "body"),
        post("bulk body too large", "/api/runs/cancel", "{\"ids\": [\"" + "x".repeat(70_000) + "\"]}", 413, "body"),
        post("replay a running run", "/api/runs/" + RUN + "/replay", "", 409, "status"));
  }

  @BeforeAll
  static void startSentinel() {
    sentinel = engine.cairn().trigger("waiting", UUID.randomUUID().toString());
    Await.until("the sentinel runs", Duration.ofSeconds(30),
        () -> engine.cairn().getRun(sentinel.id()).status() == RunStatus.RUNNING);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedNamingTheFieldAndChangesNothing(Case hostile) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    hostile.headers().forEach((name, value) -> headers.put(name, fill(value)));
    RawHttp.Reply reply = RawHttp.send(engine.cairn().dashboardPort(), hostile.method(), fill(hostile.path()),
        headers, fill(hostile.body()).getBytes(StandardCharsets.UTF_8));

    assertEquals(hostile.status(), reply.status(), reply.body());
    assertEquals("RUNNING", engine.runStatusInDatabase(sentinel.id()), "the run is untouched");
    if (hostile.field() == null) {
      assertFalse(reply.body().contains("%zz"), "the input is not echoed: " + reply.body());
      return;
    }
    JsonNode body = json.readTree(reply.body());
    assertEquals(hostile.field(), body.path("field").asText(), reply.body());
    String message = body.path("error").asText();
    assertFalse(message.isEmpty(), reply.body());
    assertTrue(reply.body().length() < 800, "short: " + reply.body().length() + " characters");
    for (String leak : List.of("Exception", "SQL", "org.", "\tat ", "select ", "x".repeat(80))) {
      assertFalse(reply.body().contains(leak), "no " + leak + " in " + reply.body());
    }
    assertTrue(reply.body().chars().noneMatch(c -> c < 0x20), "no raw control characters");
  }

  private static String fill(String text) {
    return text.replace(TOKEN, engine.client()).replace("{worker}", engine.worker())
        .replace(RUN, sentinel.id().toString());
  }
}
