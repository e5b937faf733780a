package dev.cairn.pipeline.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.pipeline.model.Participant;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiSummariserTest {
  private static final String API_KEY = "sk-test-0123456789";
  private static final List<Participant> PARTICIPANTS = List.of(
      new Participant("p-priya", 0, "Priya Raman", null), new Participant("p-marcus", 1, "Marcus Chen", "u-1"));

  private LlmStub llm;
  private OpenAiSummariser summariser;

  @BeforeEach
  void setUp() throws Exception {
    llm = new LlmStub();
    summariser = OpenAiSummariser.builder(llm.baseUrl()).apiKey(API_KEY).model("test-model")
        .retryBackoff(Duration.ZERO).build();
  }

  @AfterEach
  void tearDown() {
    llm.close();
  }

  @Test
  void topicAsksForAnalysisThenJsonUnderAStrictSchema() {
    llm.reply("The segment is about offline mode.").reply("{\"title\":\"'offline mode for the app'\","
        + "\"summary\":\" They will ship it in January. \"}");

    TopicSummary topic = summariser.topic("we talked about offline mode");

    assertEquals(new TopicSummary("Offline Mode for the app", "They will ship it in January."), topic);
    List<LlmStub.Recorded> requests = llm.requests();
    assertEquals(2, requests.size());
    assertEquals("/v1/chat/completions", requests.get(0).path());
    assertFalse(requests.get(0).structured());
    assertTrue(requests.get(0).user().contains("<transcript>\nwe talked about offline mode\n</transcript>"));
    assertEquals(0.9, requests.get(0).body().get("temperature").asDouble());
    JsonNode format = requests.get(1).body().get("response_format");
    assertEquals("json_schema", format.get("type").asText());
    assertEquals("TopicResponse", format.at("/json_schema/name").asText());
    assertTrue(format.at("/json_schema/strict").asBoolean());
    assertEquals("string", format.at("/json_schema/schema/properties/title/type").asText());
    assertEquals("[\"title\",\"summary\"]", format.at("/json_schema/schema/required").toString());
    assertTrue(requests.get(1).user().contains("The segment is about offline mode."), "analysis is restated");
  }

  @Test
  void invalidJsonIsReaskedWithTheTruncatedOutputAndTheErrors() {
    String longInvalid = "not json " + "x".repeat(2500) + "END-OF-ANSWER";
    llm.reply("analysis").reply(longInvalid).reply("{\"title\":\"Pricing\",\"summary\":\"Twenty dollars.\"}");

    TopicSummary topic = summariser.topic("pricing talk");

    assertEquals(new TopicSummary("Pricing", "Twenty dollars."), topic);
    String reask = llm.requests().get(2).user();
    assertTrue(reask.contains(longInvalid.substring(0, 2000)), "previous output quoted");
    assertFalse(reask.contains("END-OF-ANSWER"), "previous output truncated to 2000 chars");
    assertTrue(reask.contains("the answer is not valid JSON"), reask);
    assertTrue(llm.requests().get(2).structured());
  }

  @Test
  void aMissingFieldIsNamedInTheReask() {
    llm.reply("analysis").reply("{\"title\":\"Pricing\"}").reply("{\"title\":\"Pricing\",\"summary\":\"S.\"}");

    summariser.topic("pricing talk");

    String reask = llm.requests().get(2).user();
    assertTrue(reask.contains("summary: required field is missing"), reask);
    assertTrue(reask.contains("{\"title\":\"Pricing\"}"), reask);
  }

  @Test
  void fourInvalidAnswersFailNamingTheSchemaAndTheLastErrors() {
    llm.reply("analysis");
    for (int i = 0; i < 4; i++) {
      llm.reply("{\"title\": 42, \"summary\": \"ok\"}");
    }
    llm.reply("{\"title\":\"Too late\",\"summary\":\"S.\"}");

    SummaryException failure = assertThrows(SummaryException.class, () -> summariser.topic("text"));

    assertTrue(failure.getMessage().contains("TopicResponse"), failure.getMessage());
    assertTrue(failure.getMessage().contains("title: expected a string but got number"), failure.getMessage());
    assertEquals(5, llm.requests().size(), "one analysis and four formatting attempts");
  }

  @Test
  void capitalisedTitleAndSummaryKeysAreAccepted() {
    llm.reply("analysis").reply("{\"Title\":\"public beta date\",\"Summary\":\"February tenth.\"}");

    assertEquals(new TopicSummary("Public Beta Date", "February tenth."), summariser.topic("beta"));
  }

  @Test
  void titleIsAskedFromTopicLinesAndCleaned() {
    llm.reply("\"the plan for offline mode and pricing\"\nextra line");

    String title = summariser.title(List.of("Offline mode", "Enterprise pricing"));

    assertEquals("The Plan for Offline Mode and Pricing", title);
    LlmStub.Recorded request = llm.requests().get(0);
    assertTrue(request.user().contains("- Offline mode\n- Enterprise pricing\n"), request.user());
    assertEquals(0.5, request.body().get("temperature").asDouble());
    assertFalse(request.structured());
  }

  @Test
  void noTopicsGiveNoTitleWithoutCallingTheModel() {
    assertNull(summariser.title(List.of()));
    assertEquals(0, llm.requests().size());
  }

  @Test
  void aServerErrorIsRetried() {
    llm.status(500, "{\"error\":\"overloaded\"}").reply("A title");

    assertEquals("A Title", summariser.title(List.of("x")));
    assertEquals(2, llm.requests().size());
  }

  @Test
  void serverErrorsBeyondTheRetriesFailWithTheStatus() {
    OpenAiSummariser twoRetries = OpenAiSummariser.builder(llm.baseUrl()).networkRetries(2)
        .retryBackoff(Duration.ZERO).build();
    for (int i = 0; i < 3; i++) {
      llm.status(503, "{\"error\":\"down\"}");
    }
    llm.reply("never used");

    SummaryException failure = assertThrows(SummaryException.class, () -> twoRetries.title(List.of("x")));

    assertTrue(failure.getMessage().contains("HTTP 503"), failure.getMessage());
    assertEquals(3, llm.requests().size());
  }

  @Test
  void aClientErrorFailsAtOnceNamingTheStatusButNotTheKey() {
    llm.status(401, "{\"error\":\"bad key " + API_KEY + "\"}").reply("never used");

    SummaryException failure = assertThrows(SummaryException.class, () -> summariser.title(List.of("x")));

    assertTrue(failure.getMessage().contains("HTTP 401"), failure.getMessage());
    assertFalse(failure.getMessage().contains(API_KEY), failure.getMessage());
    assertEquals(1, llm.requests().size());
  }

  @Test
  void theBearerKeyAndModelAreSentAndNoKeyMeansNoHeader() {
    llm.reply("t").reply("t");
    summariser.title(List.of("x"));
    OpenAiSummariser.builder(llm.baseUrl()).build().title(List.of("x"));

    assertEquals("Bearer " + API_KEY, llm.requests().get(0).authorization());
    assertEquals("test-model", llm.requests().get(0).body().get("model").asText());
    assertNull(llm.requests().get(1).authorization());
    assertEquals(OpenAiSummariser.DEFAULT_MODEL, llm.requests().get(1).body().get("model").asText());
  }

  @Test
  void summariseBuildsSubjectsRecapMarkdownAndActionItemsWithParticipantIds() {
    llm.reply("subjects analysis").reply("{\"subjects\":[\"Offline mode\",\"Pricing\"]}")
        .reply("detailed offline").reply("paragraph offline")
        .reply("detailed pricing").reply("paragraph pricing")
        .reply("action analysis")
        .reply("{\"decisions\":[{\"decision\":\"Ship in January\",\"rationale\":null,\"decided_by\":\"Priya Raman\"}],"
            + "\"next_steps\":[{\"task\":\"Share the test plan\",\"assigned_to\":\"Marcus Chen\","
            + "\"deadline\":\"Friday\",\"context\":null},{\"task\":\"Book pilots\",\"assigned_to\":\"Elena\","
            + "\"deadline\":null,\"context\":null}]}")
        .reply("the recap");
    String transcript = "Priya Raman: Let's ship offline mode.\nMarcus Chen: I will share the test plan by Friday.";

    MeetingSummary summary = summariser.summarise(new SummaryRequest(transcript, PARTICIPANTS, List.of()));

    assertEquals("the recap", summary.shortSummary());
    assertEquals(SummaryMarkdown.build("the recap", List.of(new SubjectSummary("Offline mode", "paragraph offline"),
        new SubjectSummary("Pricing", "paragraph pricing"))), summary.longSummary());
    assertEquals(List.of(new ActionItems.Decision("Ship in January", null, "Priya Raman", "p-priya")),
        summary.actionItems().decisions());
    assertEquals(List.of(new ActionItems.NextStep("Share the test plan", "Marcus Chen", "p-marcus", "Friday", null),
        new ActionItems.NextStep("Book pilots", "Elena", null, null, null)), summary.actionItems().nextSteps());
    List<LlmStub.Recorded> requests = llm.requests();
    assertEquals(9, requests.size());
    assertTrue(requests.get(0).user().contains("# Participants\n\n- Priya Raman\n- Marcus Chen"));
    assertTrue(requests.get(2).user().contains("Offline mode") && requests.get(2).user().contains(transcript));
    assertTrue(requests.get(3).user().contains("detailed offline"), "paragraph condenses the detailed summary");
    assertTrue(requests.get(8).user().contains("Offline mode: paragraph offline\n\nPricing: paragraph pricing"));
    for (int i : new int[] {0, 2, 3, 6, 8}) {
      assertTrue(requests.get(i).user().contains("Always refer to people by these exact names"), "request " + i);
    }
    for (LlmStub.Recorded request : requests) {
      assertFalse(request.body().has("max_tokens") || request.body().has("max_completion_tokens"));
    }
  }

  @Test
  void failedSubjectExtractionGivesEmptySummariesButStillActionItems() {
    llm.reply("subjects analysis");
    for (int i = 0; i < 4; i++) {
      llm.reply("{\"subjects\": \"not a list\"}");
    }
    llm.reply("action analysis").reply("{\"decisions\":[],\"next_steps\":[]}");

    MeetingSummary summary = summariser.summarise(new SummaryRequest("A: hi.", PARTICIPANTS, List.of()));

    assertEquals(new MeetingSummary("", "", ActionItems.none()), summary);
    assertEquals(0, llm.unanswered());
  }

  @Test
  void anInterruptAbortsTheCallAndStaysSet() {
    llm.reply("never seen by the caller");
    Thread.currentThread().interrupt();
    try {
      SummaryException failure = assertThrows(SummaryException.class, () -> summariser.title(List.of("x")));
      assertTrue(failure.getMessage().contains("interrupted"), failure.getMessage());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void describeNamesModelAndEndpointButNoSecrets() {
    OpenAiSummariser withUserInfo = OpenAiSummariser.builder(URI.create("https://user:pw@llm.example/")).build();

    assertEquals("LLM test-model at " + llm.baseUrl(), summariser.describe());
    assertFalse(withUserInfo.describe().contains("pw"), withUserInfo.describe());
    assertEquals(URI.create("https://x.example/v1/chat/completions"),
        OpenAiSummariser.completionsUrl(URI.create("https://x.example/v1/")));
  }
}
