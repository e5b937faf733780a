package dev.cairn.pipeline.workflow;

import dev.cairn.ChildHandle;
import dev.cairn.ChildSpec;
import dev.cairn.StepContext;
import dev.cairn.WorkflowRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The pipeline's steps for one recording called directly in plain Java, with no engine: the baseline the engine's
 * overhead is measured against (issue 13). It calls the very step methods the engine calls, on the same services.
 * Children run as an engine with free slots runs them: every {@code TrackProcessing} child at once (each one
 * {@code pad_track} then {@code transcribe_track}), and every {@code TopicChunkProcessing} child at once. The
 * {@link DiarizationPipeline}'s own steps run one after another in an order its DAG allows. Nothing is persisted
 * beyond what the steps write themselves, retried or rate limited, and the step contexts drop events and log lines.
 */
public final class PlainPipelineRun {
  private static final String TRACKS = WorkflowRef.nameOf(TrackProcessing.class);
  private static final String CHUNKS = WorkflowRef.nameOf(TopicChunkProcessing.class);

  /** The steps' outputs, and how long each step took (children's steps listed once per child). */
  public record Outcome(DiarizationPipeline.MergedTracks tracks, DiarizationPipeline.Mixdown mixdown,
      DiarizationPipeline.WaveformInfo waveform, DiarizationPipeline.Topics topics, DiarizationPipeline.Title title,
      DiarizationPipeline.Summary summary, DiarizationPipeline.Finalized finalized,
      DiarizationPipeline.Consent consent, DiarizationPipeline.Zulip zulip,
      DiarizationPipeline.WebhookSent webhook, Map<String, List<Duration>> stepTimes) {}

  private final DiarizationPipeline pipeline;
  private final TrackProcessing track;
  private final TopicChunkProcessing chunk;

  public PlainPipelineRun(PipelineServices services) {
    this.pipeline = new DiarizationPipeline(services);
    this.track = new TrackProcessing(services);
    this.chunk = new TopicChunkProcessing(services);
  }

  /** Runs every step for {@code input}; the first step failure is thrown as it is (nothing is retried). */
  public Outcome run(DiarizationPipeline.Input input) {
    Map<String, List<Duration>> times = new ConcurrentHashMap<>();
    ExecutorService children = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "plain-child");
      thread.setDaemon(true);
      return thread;
    });
    try {
      StepContext ctx = new DirectContext(children, times);
      var recording = timed(times, "get_recording", () -> pipeline.getRecording(input));
      var participants = timed(times, "get_participants", () -> pipeline.getParticipants(input, recording));
      var tracks = timed(times, "process_tracks", () -> pipeline.processTracks(input, participants, ctx));
      var mixdown = timed(times, "mixdown_tracks", () -> pipeline.mixdownTracks(input, tracks, ctx));
      var waveform = timed(times, "generate_waveform", () -> pipeline.generateWaveform(input, mixdown));
      var topics = timed(times, "detect_topics", () -> pipeline.detectTopics(input, tracks, ctx));
      var title = timed(times, "generate_title", () -> pipeline.generateTitle(input, topics));
      var summary = timed(times, "generate_summary", () -> pipeline.generateSummary(input, topics, tracks));
      var finalized = timed(times, "finalize", () -> pipeline.finalizeTranscript(input));
      var consent = timed(times, "cleanup_consent", () -> pipeline.cleanupConsent(input, tracks));
      var zulip = timed(times, "post_zulip", () -> pipeline.postZulip(input));
      var webhook = timed(times, "send_webhook", () -> pipeline.sendWebhook(input));
      return new Outcome(tracks, mixdown, waveform, topics, title, summary, finalized, consent, zulip, webhook,
          Map.copyOf(times));
    } finally {
      children.shutdownNow();
    }
  }

  private static <T> T timed(Map<String, List<Duration>> times, String step, Supplier<T> body) {
    long start = System.nanoTime();
    T result = body.get();
    times.computeIfAbsent(step, name -> new CopyOnWriteArrayList<>()).add(Duration.ofNanos(System.nanoTime() - start));
    return result;
  }

  /**
   * What the steps ask of their context, answered in the calling process: children run on {@code children} and are
   * waited for; events, log lines and timeout extensions are dropped (there is no log to write them to).
   */
  private final class DirectContext implements StepContext {
    private final UUID runId = UUID.randomUUID();
    private final ExecutorService children;
    private final Map<String, List<Duration>> times;

    DirectContext(ExecutorService children, Map<String, List<Duration>> times) {
      this.children = children;
      this.times = times;
    }

    @Override
    public <T> List<T> runChildren(String workflowName, List<ChildSpec> specs, Class<T> outputType) {
      List<Future<Object>> started = new ArrayList<>();
      for (ChildSpec spec : specs) {
        started.add(children.submit(() -> runChild(workflowName, spec.input())));
      }
      List<T> outputs = new ArrayList<>();
      try {
        for (Future<Object> child : started) {
          outputs.add(outputType.cast(child.get()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + workflowName + " children", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
      }
      return outputs;
    }

    private Object runChild(String workflowName, Object input) {
      if (workflowName.equals(TRACKS)) {
        TrackProcessing.Input trackInput = (TrackProcessing.Input) input;
        TrackProcessing.Padded padded = timed(times, "pad_track", () -> track.padTrack(trackInput, this));
        return timed(times, "transcribe_track", () -> track.transcribeTrack(trackInput, padded, this));
      }
      if (workflowName.equals(CHUNKS)) {
        return timed(times, "detect_chunk_topic", () -> chunk.detectChunkTopic((TopicChunkProcessing.Input) input));
      }
      throw new IllegalArgumentException("no plain runner for child workflow " + workflowName);
    }

    @Override
    public UUID runId() {
      return runId;
    }

    @Override
    public String workflowName() {
      return DiarizationPipeline.NAME;
    }

    @Override
    public String stepName() {
      return "plain";
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public int previousFailures() {
      return 0;
    }

    @Override
    public Map<String, String> metadata() {
      return Map.of();
    }

    @Override
    public void emit(String type, Object payload) {}

    @Override
    public void log(String message) {}

    @Override
    public void extendTimeout(Duration extra) {}

    @Override
    public ChildHandle startChild(String workflowName, String key, Object input) {
      throw unused("startChild");
    }

    @Override
    public List<ChildHandle> startChildren(String workflowName, List<ChildSpec> children) {
      throw unused("startChildren");
    }

    @Override
    public <T> T awaitChild(ChildHandle child, Class<T> outputType) {
      throw unused("awaitChild");
    }

    @Override
    public <T> List<T> awaitChildren(List<ChildHandle> children, Class<T> outputType) {
      throw unused("awaitChildren");
    }

    @Override
    public void sleep(Duration duration) {
      throw unused("sleep");
    }

    @Override
    public <T> Optional<T> waitForEvent(String key, Duration timeout, Class<T> payloadType) {
      throw unused("waitForEvent");
    }

    private UnsupportedOperationException unused(String operation) {
      return new UnsupportedOperationException(operation + ": the pipeline's steps only use runChildren");
    }
  }
}
