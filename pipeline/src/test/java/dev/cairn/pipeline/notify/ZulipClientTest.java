package dev.cairn.pipeline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.pipeline.testing.StubHttpServer.Response;
import dev.cairn.pipeline.testing.StubHttpServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZulipClientTest {
  private static final String EMAIL = "reflector-bot@example.zulipchat.com";
  private static final String KEY = "zulip-api-key-42";
  private static final String CONTENT = "# Reflector – Sync\n\n**Duration**: 01:25 & more = fun";

  private final StubHttpServer server = StubHttpServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void postSendsBasicAuthAndStreamFormAndReturnsTheId() {
    server.on("POST", "/api/v1/messages", request -> Response.json(200, "{\"result\":\"success\",\"msg\":\"\",\"id\":4711}"));
    long id = client().post("meetings", "product-sync", CONTENT);

    assertEquals(4711L, id);
    StubHttpServer.Request sent = server.requests("/api/v1/messages").get(0);
    assertEquals("Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + KEY).getBytes(StandardCharsets.UTF_8)),
        sent.header("Authorization"));
    assertEquals("application/x-www-form-urlencoded", sent.header("Content-Type"));
    assertEquals(Map.of("type", "stream", "to", "meetings", "topic", "product-sync", "content", CONTENT), form(sent));
  }

  @Test
  void updatePatchesTheMessagePath() {
    server.on("PATCH", "/api/v1/messages/4711", request -> Response.json(200, "{\"result\":\"success\",\"msg\":\"\"}"));
    client().update(4711, "product-sync", CONTENT);
    assertEquals(Map.of("topic", "product-sync", "content", CONTENT),
        form(server.requests("/api/v1/messages/4711").get(0)));
  }

  @Test
  void postOrUpdateUpdatesAnExistingMessage() {
    server.on("PATCH", "/api/v1/messages/4711", request -> Response.json(200, "{\"result\":\"success\"}"));
    assertEquals(4711L, client().postOrUpdate(4711L, "meetings", "product-sync", CONTENT));
    assertTrue(server.requests("/api/v1/messages").isEmpty());
  }

  @Test
  void postOrUpdateFallsBackToPostWhenTheMessageIsGone() {
    server.on("PATCH", "/api/v1/messages/4711", request -> Response.json(400,
        "{\"result\":\"error\",\"msg\":\"Invalid message(s)\",\"code\":\"BAD_REQUEST\"}"));
    server.on("POST", "/api/v1/messages", request -> Response.json(200, "{\"result\":\"success\",\"id\":4712}"));

    assertEquals(4712L, client().postOrUpdate(4711L, "meetings", "product-sync", CONTENT));
    assertEquals(1, server.requests("/api/v1/messages/4711").size());
    assertEquals("stream", form(server.requests("/api/v1/messages").get(0)).get("type"));
  }

  @Test
  void postOrUpdateWithoutIdPosts() {
    server.on("POST", "/api/v1/messages", request -> Response.json(200, "{\"result\":\"success\",\"id\":9}"));
    assertEquals(9L, client().postOrUpdate(null, "meetings", "t", CONTENT));
  }

  @Test
  void errorsNameTheCallStatusAndZulipsMessage() {
    server.on("POST", "/api/v1/messages", request -> Response.json(400,
        "{\"result\":\"error\",\"msg\":\"Stream 'nope' does not exist\"}"));
    NotifyException e = assertThrows(NotifyException.class, () -> client().post("nope", "t", CONTENT));
    assertEquals("Zulip POST /api/v1/messages answered 400: Stream 'nope' does not exist", e.getMessage());
    assertEquals(400, e.status());
  }

  @Test
  void unreachableRealmIsStatusZero() {
    ZulipClient client = new ZulipClient(StubHttpServer.unreachableUri(), EMAIL, KEY);
    NotifyException e = assertThrows(NotifyException.class, () -> client.post("s", "t", CONTENT));
    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("could not reach 127.0.0.1"), e.getMessage());
  }

  @Test
  void settingsAreCheckedAndTheKeyIsNeverShown() {
    assertEquals("ZULIP_API_KEY is not set", assertThrows(IllegalArgumentException.class,
        () -> new ZulipClient(server.baseUri(), EMAIL, "")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ZulipClient(server.baseUri(), null, KEY));
    assertFalse(client().toString().contains(KEY));
    assertThrows(IllegalArgumentException.class, () -> client().post("s", "", CONTENT));
  }

  private ZulipClient client() {
    return new ZulipClient(server.baseUri(), EMAIL, KEY);
  }

  private static Map<String, String> form(StubHttpServer.Request request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.bodyText().split("&")) {
      String[] parts = pair.split("=", 2);
      form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return form;
  }
}
