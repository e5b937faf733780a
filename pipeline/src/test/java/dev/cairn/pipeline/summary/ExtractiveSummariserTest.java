package dev.cairn.pipeline.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.pipeline.model.Participant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExtractiveSummariserTest {
  private static SampleMeeting sample;

  @BeforeAll
  static void loadSample() throws Exception {
    sample = SampleMeeting.load();
  }

  /** The pipeline's use of a summariser on the sample, as upstream §6.1–6.6 order it. */
  private record Run(List<TopicSummary> topics, String title, MeetingSummary summary) {}

  private static Run run(Summariser summariser, int chunkWords) {
    List<TopicSummary> topics = new ArrayList<>();
    for (String chunk : sample.chunks(chunkWords)) {
      topics.add(summariser.topic(chunk));
    }
    String title = summariser.title(topics.stream().map(TopicSummary::title).toList());
    String transcript = SpeakerTranscript.build(sample.words(), sample.participants());
    MeetingSummary summary = summariser.summarise(new SummaryRequest(transcript, sample.participants(), topics));
    return new Run(topics, title, summary);
  }

  @Test
  void theSameMeetingGivesTheSameResultTwice() {
    assertEquals(run(new ExtractiveSummariser(), 300), run(new ExtractiveSummariser(), 300));
    assertEquals(run(new ExtractiveSummariser(), 70), run(new ExtractiveSummariser(), 70));
  }

  @Test
  void topicTitlesAreMadeOfWordsFromTheirChunk() {
    for (int size : new int[] {300, 70}) {
      List<String> chunks = sample.chunks(size);
      List<TopicSummary> topics = run(new ExtractiveSummariser(), size).topics();
      for (int i = 0; i < chunks.size(); i++) {
        String chunk = chunks.get(i).toLowerCase(Locale.ROOT);
        TopicSummary topic = topics.get(i);
        assertFalse(topic.title().isBlank());
        assertEquals(Titles.clean(topic.title()), topic.title(), "titles are cleaned");
        for (String word : topic.title().toLowerCase(Locale.ROOT).split(" ")) {
          assertTrue(word.equals("and") || chunk.contains(word), word + " of \"" + topic.title() + "\" in chunk " + i);
        }
        assertFalse(topic.summary().isBlank());
        assertTrue(chunks.get(i).replaceAll("\\s+", " ").contains(topic.summary().split("(?<=[.?!]) ")[0]),
            "summary sentences are taken from the chunk: " + topic.summary());
      }
    }
  }

  @Test
  void theWholeMeetingChunkIsTitledByItsRepeatedPhrases() {
    assertEquals(1, sample.chunks(300).size(), "the sample is shorter than one chunk");

    TopicSummary topic = new ExtractiveSummariser().topic(sample.chunks(300).get(0));

    // "offline mode" and "audit logs" are the two most repeated phrases (3 times each); "enterprise tier" is
    // split once by "pricing", so it counts 2.
    assertEquals("Offline Mode and Audit Logs", topic.title());
  }

  @Test
  void actionItemsNameRealParticipantsAndCatchTheSamplesNextSteps() {
    MeetingSummary summary = run(new ExtractiveSummariser(), 300).summary();
    Map<String, String> idsByName = new HashMap<>();
    sample.participants().forEach(p -> idsByName.put(p.name(), p.id()));

    ActionItems items = summary.actionItems();
    assertFalse(items.nextSteps().isEmpty());
    assertFalse(items.decisions().isEmpty());
    for (ActionItems.NextStep step : items.nextSteps()) {
      assertTrue(idsByName.containsKey(step.assignedTo()), step.toString());
      assertEquals(idsByName.get(step.assignedTo()), step.assignedToParticipantId());
    }
    for (ActionItems.Decision decision : items.decisions()) {
      assertTrue(idsByName.containsKey(decision.decidedBy()), decision.toString());
      assertEquals(idsByName.get(decision.decidedBy()), decision.decidedByParticipantId());
    }
    Set<String> expectedOwners = new HashSet<>();
    for (JsonNode item : sample.expected().get("action_items")) {
      expectedOwners.add(item.get("owner").asText());
    }
    assertEquals(expectedOwners, items.nextSteps().stream().map(ActionItems.NextStep::assignedTo)
        .collect(Collectors.toSet()), "every expected owner gets their next step: " + items.nextSteps());
    assertEquals(expectedOwners.size(), items.nextSteps().size(), items.nextSteps().toString());
    assertTrue(items.nextSteps().stream().anyMatch(s -> "Friday".equals(s.deadline())), items.nextSteps().toString());
  }

  @Test
  void summaryIsRecapPlusTopicsInMarkdown() {
    Run run = run(new ExtractiveSummariser(), 70);
    MeetingSummary summary = run.summary();

    assertFalse(summary.shortSummary().isBlank());
    List<SubjectSummary> subjects = run.topics().stream()
        .map(t -> new SubjectSummary(t.title(), t.summary())).toList();
    assertEquals(SummaryMarkdown.build(summary.shortSummary(), subjects), summary.longSummary());
    assertTrue(sample.expected().get("full_text").asText().contains(summary.shortSummary().split("(?<=[.?!]) ")[0]));
    assertNotNull(run.title());
    assertTrue(run.title().split(" ").length <= 10, run.title());
  }

  @Test
  void noTopicsGiveNoTitleAndEmptySummaries() {
    ExtractiveSummariser summariser = new ExtractiveSummariser();
    List<Participant> participants = sample.participants();

    assertNull(summariser.title(List.of()));
    MeetingSummary summary = summariser.summarise(new SummaryRequest("", participants, List.of()));
    assertEquals(new MeetingSummary("", "", ActionItems.none()), summary);
  }

  @Test
  void describeSaysThereIsNoModel() {
    assertTrue(new ExtractiveSummariser().describe().startsWith("extractive summariser (no LLM)"));
  }
}
