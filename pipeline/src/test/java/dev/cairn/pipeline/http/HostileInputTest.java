package dev.cairn.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.http.BadValues.Bad;
import dev.cairn.pipeline.http.HostileInputs.Endpoint;
import dev.cairn.pipeline.http.HostileInputs.Row;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hostile value of {@link BadValues} in every field, parameter and header of every pipeline HTTP endpoint
 * ({@link HostileInputs}), one at a time into an otherwise valid request: each is refused with a 4xx, a JSON error
 * of bounded length naming the field and carrying no SQL or Java text nor the input at length, and writes nothing.
 */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1000;
  private static final List<String> LEAKS = List.of("sql", "psql", "postgres", "jdbi", "hikari", "exception",
      "java.", "at dev.", "\tat ", "relation ", "syntax error", "stack");

  private static FakeServices fakes;
  private static PipelineHarness pipeline;
  private static Fixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fakes = new FakeServices();
    pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes,
        Files.createTempDirectory("hostile").resolve("s")));
    fixture = Fixture.of(pipeline, pipeline.newTranscript("hostile-recording"));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    fakes.close();
  }

  @Test
  void theValidRequestOfEveryEndpointIsAcceptedSoEveryRefusalIsTheBadValues() throws Exception {
    Map<String, Long> before = pipeline.rows();
    try (RawHttp webhook = Draft.valid(Endpoint.DAILY_WEBHOOK, fixture).send()) {
      assertEquals(200, webhook.status());
      JsonNode reply = JSON.readTree(webhook.body());
      assertEquals("ignored", reply.path("status").asText(), reply.toString());
      assertTrue(reply.path("reason").asText().contains("no cam-audio tracks"), reply.toString());
    }
    try (RawHttp transcript = Draft.valid(Endpoint.TRANSCRIPT, fixture).send()) {
      assertEquals(200, transcript.status());
      assertEquals(fixture.transcriptId(), JSON.readTree(transcript.body()).path("id").asText());
    }
    try (RawHttp events = Draft.valid(Endpoint.TRANSCRIPT_EVENTS, fixture).send()) {
      assertEquals(200, events.status());
      assertTrue(events.awaitLine(": connected"));
    }
    assertEquals(before, pipeline.rows(), "the valid requests write nothing either");
  }

  @TestFactory
  Stream<DynamicTest> everyHostileValueInEveryFieldIsRefusedBrieflyAndWritesNothing() {
    return HostileInputs.rows(fixture).stream().flatMap(row -> row.values().stream().map(bad ->
        DynamicTest.dynamicTest(row.endpoint() + " " + row.field() + ": " + bad.label(), () -> refused(row, bad))));
  }

  private static void refused(Row row, Bad bad) throws Exception {
    Draft draft = Draft.valid(row.endpoint(), fixture);
    row.inject().accept(draft, bad.value());
    String name = row.endpoint() + " " + row.field() + " " + bad.label() + ": " + draft;
    Map<String, Long> before = pipeline.rows();
    if (bad.status() == BadValues.BY_SERVER) {
      refusedByTheServer(draft, name);
    } else {
      refusedByTheEndpoint(draft, row, bad, name);
    }
    assertEquals(before, pipeline.rows(), "nothing written");
  }

  private static void refusedByTheEndpoint(Draft draft, Row row, Bad bad, String name) throws Exception {
    int status;
    String body;
    try (RawHttp response = draft.send()) {
      status = response.status();
      assertEquals("application/json", response.header("Content-Type"), name + " answered " + status);
      body = response.body();
    } catch (IOException noAnswer) {
      throw new AssertionError(name + " got no answer: " + noAnswer, noAnswer);
    }
    String context = name + " answered " + status + " " + body;
    assertTrue(status >= 400 && status < 500, context);
    if (bad.status() != 0) {
      assertEquals(bad.status(), status, context);
    }
    assertTrue(body.length() <= MAX_BODY, "at most " + MAX_BODY + " characters: " + body.length());
    JsonNode error = JSON.readTree(body);
    String message = error.path("error").asText();
    assertTrue(error.path("field").asText().startsWith(row.field()) || message.contains(row.field()),
        "the error names " + row.field() + ": " + body);
    for (String leak : LEAKS) {
      assertFalse(body.toLowerCase(Locale.ROOT).contains(leak), "'" + leak + "' in " + body);
    }
    assertTrue(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "control characters escaped: " + body);
  }

  /** Over the HTTP server's own limits: its 4xx, or the connection closed, and no handler ran. */
  private static void refusedByTheServer(Draft draft, String name) {
    try (RawHttp response = draft.send()) {
      assertTrue(response.status() >= 400 && response.status() < 500, name + " answered " + response.status());
    } catch (IOException closed) {
      // refused by closing the connection while the request was still being sent
    }
  }
}
