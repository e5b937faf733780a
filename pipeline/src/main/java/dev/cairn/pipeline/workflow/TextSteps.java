package dev.cairn.pipeline.workflow;

import dev.cairn.ChildSpec;
import dev.cairn.StepContext;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.summary.MeetingSummary;
import dev.cairn.pipeline.summary.SpeakerTranscript;
import dev.cairn.pipeline.summary.SummaryRequest;
import dev.cairn.pipeline.summary.TopicSummary;
import dev.cairn.pipeline.transcript.Topic;
import dev.cairn.pipeline.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Topics, title and summaries (upstream §6), narrowed to the pipeline spec's three steps. */
final class TextSteps {
  private final PipelineServices services;

  TextSteps(PipelineServices services) {
    this.services = services;
  }

  DiarizationPipeline.Topics detectTopics(String transcriptId, DiarizationPipeline.MergedTracks tracks,
      StepContext ctx) {
    List<int[]> bounds = Chunks.bounds(tracks.wordCount());
    List<ChildSpec> children = new ArrayList<>();
    for (int index = 0; index < bounds.size(); index++) {
      children.add(ChildSpec.of("chunk-" + index, new TopicChunkProcessing.Input(transcriptId, tracks.words(),
          index, bounds.get(index)[0], bounds.get(index)[1])));
    }
    List<TopicChunkProcessing.ChunkTopic> topics = children.isEmpty() ? List.of()
        : ctx.runChildren("TopicChunkProcessing", children, TopicChunkProcessing.ChunkTopic.class);
    List<Word> words = new WordFiles(services.storage(), services.json()).read(tracks.words());
    // A retried or replayed detection stores the topics afresh rather than appending duplicates.
    services.transcripts().clearTopics(transcriptId);
    for (TopicChunkProcessing.ChunkTopic topic : topics) {
      int[] range = bounds.get(topic.chunkIndex());
      List<Word> chunk = words.subList(range[0], range[1]);
      services.transcripts().putTopic(transcriptId, topic.chunkIndex(), new Topic(UUID.randomUUID(), topic.title(),
          topic.summary(), topic.timestamp(), topic.duration(), Chunks.text(chunk), chunk));
    }
    return new DiarizationPipeline.Topics(topics);
  }

  DiarizationPipeline.Title title(String transcriptId, DiarizationPipeline.Topics topics) {
    if (topics.topics().isEmpty()) {
      return new DiarizationPipeline.Title(null);
    }
    String title = services.summariser().title(topics.topics().stream()
        .map(TopicChunkProcessing.ChunkTopic::title).toList());
    services.transcripts().setFinalTitle(transcriptId, title);
    return new DiarizationPipeline.Title(title);
  }

  DiarizationPipeline.Summary summary(String transcriptId, DiarizationPipeline.MergedTracks tracks,
      DiarizationPipeline.Topics topics) {
    Transcript transcript = services.transcripts().get(transcriptId);
    List<Word> words = new WordFiles(services.storage(), services.json()).read(tracks.words());
    List<TopicSummary> found = topics.topics().stream()
        .map(topic -> new TopicSummary(topic.title(), topic.summary())).toList();
    MeetingSummary summary = services.summariser().summarise(new SummaryRequest(
        SpeakerTranscript.build(words, transcript.participants()), transcript.participants(), found));
    if (!summary.shortSummary().isEmpty() || !summary.longSummary().isEmpty()) {
      services.transcripts().setSummaries(transcriptId, summary.shortSummary(), summary.longSummary());
    }
    services.transcripts().setActionItems(transcriptId, summary.actionItems());
    return new DiarizationPipeline.Summary(summary.shortSummary().length(), summary.longSummary().length(),
        summary.actionItems().decisions().size(), summary.actionItems().nextSteps().size());
  }
}
