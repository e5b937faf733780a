package dev.cairn.pipeline.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.Concurrency;
import dev.cairn.RateLimit;
import dev.cairn.Step;
import dev.cairn.Workflow;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.summary.TopicSummary;
import java.util.List;

/**
 * The child workflow for one 300-word chunk (upstream §6.1): one LLM call naming the chunk's topic. The input is
 * the merged words' key and the chunk's bounds, not the words themselves (upstream's payload-thinning lesson). At
 * most {@value PipelineLimits#TOPIC_CHUNKS_AT_ONCE} such runs are in flight in the whole system, and each call takes
 * a unit of the {@code llm} rate limit.
 */
@Workflow(name = "TopicChunkProcessing", version = "1")
@Concurrency(key = "global", max = PipelineLimits.TOPIC_CHUNKS_AT_ONCE)
public final class TopicChunkProcessing {
  /** Words {@code [from, to)} of the merged word list at {@code words}. */
  public record Input(@JsonProperty("transcript_id") String transcriptId, StorageRef words,
      @JsonProperty("chunk_index") int chunkIndex, int from, int to) {}

  /** The chunk's topic and where it lies in the meeting (seconds). */
  public record ChunkTopic(@JsonProperty("chunk_index") int chunkIndex, String title, String summary,
      double timestamp, double duration) {}

  private final PipelineServices services;

  public TopicChunkProcessing(PipelineServices services) {
    this.services = services;
  }

  @Step(name = "detect_chunk_topic", timeout = "300s", retries = 3)
  @RateLimit(name = PipelineLimits.LLM, units = "1")
  ChunkTopic detectChunkTopic(Input input) {
    List<Word> words = new WordFiles(services.storage(), services.json()).read(input.words());
    if (input.from() < 0 || input.to() > words.size() || input.from() >= input.to()) {
      throw new IllegalArgumentException("chunk " + input.chunkIndex() + " [" + input.from() + ", " + input.to()
          + ") is outside the " + words.size() + " words at " + input.words());
    }
    List<Word> chunk = words.subList(input.from(), input.to());
    TopicSummary topic = services.summariser().topic(Chunks.text(chunk));
    double timestamp = chunk.get(0).start();
    return new ChunkTopic(input.chunkIndex(), topic.title(), topic.summary(), timestamp,
        chunk.get(chunk.size() - 1).end() - timestamp);
  }
}
