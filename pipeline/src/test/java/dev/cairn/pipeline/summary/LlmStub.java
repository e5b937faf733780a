package dev.cairn.pipeline.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An OpenAI-compatible chat-completions server for tests: records every request and answers with scripted
 * completions in order. An unscripted request gets a 599 so the test fails loudly rather than hanging.
 */
final class LlmStub implements AutoCloseable {
  record Recorded(String path, String authorization, JsonNode body) {
    String user() {
      return body.path("messages").path(1).path("content").asText();
    }

    boolean structured() {
      return body.has("response_format");
    }
  }

  private record Answer(int status, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Recorded> requests = new ArrayList<>();

  LlmStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Scripts a 200 whose {@code choices[0].message.content} is {@code content}. */
  LlmStub reply(String content) {
    String body = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
        .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content)))).toString();
    return status(200, body);
  }

  synchronized LlmStub status(int status, String body) {
    script.add(new Answer(status, body));
    return this;
  }

  synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  synchronized int unanswered() {
    return script.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    Answer answer;
    synchronized (this) {
      requests.add(new Recorded(exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Authorization"), JSON.readTree(requestBody)));
      answer = script.isEmpty() ? new Answer(599, "{\"error\":\"no scripted answer\"}") : script.poll();
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
