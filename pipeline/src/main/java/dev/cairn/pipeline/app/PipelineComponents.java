package dev.cairn.pipeline.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cairn.pipeline.daily.DailyApi;
import dev.cairn.pipeline.daily.DailyRestClient;
import dev.cairn.pipeline.daily.LocalDailyFolder;
import dev.cairn.pipeline.notify.WebhookSender;
import dev.cairn.pipeline.notify.ZulipClient;
import dev.cairn.pipeline.storage.LocalObjectStorage;
import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.storage.S3ObjectStorage;
import dev.cairn.pipeline.storage.S3Settings;
import dev.cairn.pipeline.summary.ExtractiveSummariser;
import dev.cairn.pipeline.summary.OpenAiSummariser;
import dev.cairn.pipeline.summary.Summariser;
import dev.cairn.pipeline.transcript.MeetingStore;
import dev.cairn.pipeline.transcript.TranscriptDatabase;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.pipeline.transcription.OpenAiTranscriber;
import dev.cairn.pipeline.transcription.RecordedTranscriber;
import dev.cairn.pipeline.transcription.Transcriber;
import dev.cairn.pipeline.transcription.UpstreamTranscriber;
import dev.cairn.pipeline.workflow.DiarizationPipeline;
import dev.cairn.pipeline.workflow.PipelineServices;
import dev.cairn.pipeline.workflow.ScratchRoot;
import dev.cairn.pipeline.workflow.TopicChunkProcessing;
import dev.cairn.pipeline.workflow.TrackProcessing;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Builds the pipeline's parts from its configuration: for each part the production implementation when it is
 * configured, else the embedded default (pipeline spec, "Real components and their defaults").
 */
public final class PipelineComponents {
  private PipelineComponents() {}

  /** The JSON mapper for the pipeline's own documents (ISO-8601 times). */
  public static ObjectMapper json() {
    return new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /**
   * As {@link #services(PipelineConfig, DataSource, DataSource)}, with live transcript readers listening on a
   * connection of {@code dataSource} too (right for an unpooled data source).
   */
  public static PipelineServices services(PipelineConfig config, DataSource dataSource) {
    return services(config, dataSource, dataSource);
  }

  /**
   * Migrates the transcript tables and builds every part; the workflows are {@link #workflows}. Claims this
   * process's scratch directory in {@link Setting#PIPELINE_WORK_DIR}, removing what processes that died left
   * there ({@link ScratchRoot}); close {@link PipelineServices#scratch()} when the process is done.
   *
   * @param dataSource the pool every query borrows from
   * @param listenSource where the one connection that LISTENs for transcript events comes from (not the pool)
   */
  public static PipelineServices services(PipelineConfig config, DataSource dataSource, DataSource listenSource) {
    ObjectMapper json = json();
    String schema = config.require(Setting.PIPELINE_SCHEMA);
    TranscriptDatabase.migrate(dataSource, schema);
    return new PipelineServices(
        storage(config),
        config.require(Setting.TRANSCRIPT_STORAGE_AWS_BUCKET_NAME),
        daily(config),
        transcriber(config),
        summariser(config),
        new TranscriptStore(dataSource, listenSource, schema, json),
        new MeetingStore(dataSource, schema, json),
        zulip(config),
        new WebhookSender(),
        config.require(Setting.UI_BASE_URL),
        ScratchRoot.claim(config.get(Setting.PIPELINE_WORK_DIR).map(Path::of)
            .orElse(Path.of(System.getProperty("java.io.tmpdir"), "cairn-pipeline"))),
        Duration.ofSeconds(5),
        json);
  }

  /** The three workflow instances to register with an engine or a worker. */
  public static Object[] workflows(PipelineServices services) {
    return byName(services).values().toArray();
  }

  /** The two maintenance workflows of upstream's beat jobs, run by schedules ({@link DailyMaintenance}). */
  public static Object[] maintenanceWorkflows(DailyMaintenance maintenance) {
    return new Object[] {new PollDailyRecordings(maintenance), new ReprocessFailedRecordings(maintenance)};
  }

  /** The named ones of the three (a worker pool serves some); an unknown name is an error listing the known ones. */
  public static Object[] workflows(PipelineServices services, List<String> names) {
    Map<String, Object> byName = byName(services);
    List<Object> chosen = new ArrayList<>();
    for (String name : names) {
      Object workflow = byName.get(name);
      if (workflow == null) {
        throw new IllegalArgumentException("PIPELINE_WORKFLOWS names an unknown workflow; known: " + byName.keySet());
      }
      chosen.add(workflow);
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("PIPELINE_WORKFLOWS names no workflow; known: " + byName.keySet());
    }
    return chosen.toArray();
  }

  private static Map<String, Object> byName(PipelineServices services) {
    Map<String, Object> byName = new LinkedHashMap<>();
    byName.put(DiarizationPipeline.NAME, new DiarizationPipeline(services));
    byName.put("TrackProcessing", new TrackProcessing(services));
    byName.put("TopicChunkProcessing", new TopicChunkProcessing(services));
    return byName;
  }

  static ObjectStorage storage(PipelineConfig config) {
    String backend = config.require(Setting.STORAGE_BACKEND).toLowerCase(Locale.ROOT);
    switch (backend) {
      case "local":
        return new LocalObjectStorage(Path.of(config.require(Setting.STORAGE_LOCAL_DIR)));
      case "s3":
        return new S3ObjectStorage(new S3Settings(
            config.require(Setting.TRANSCRIPT_STORAGE_AWS_REGION),
            config.get(Setting.TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL).map(URI::create).orElse(null),
            config.isSet(Setting.TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL),
            config.get(Setting.TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID).orElse(null),
            config.get(Setting.TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY).orElse(null)));
      default:
        throw new IllegalArgumentException("STORAGE_BACKEND must be local or s3, got '" + backend + "'");
    }
  }

  /** The services of a process's databases: queries from its pool, transcript events heard apart from it. */
  static PipelineServices services(PipelineConfig config, Databases databases) {
    return services(config, databases.pool(), databases.listenSource());
  }

  static DailyApi daily(PipelineConfig config) {
    if (config.isSet(Setting.DAILY_API_KEY)) {
      return new DailyRestClient(URI.create(config.require(Setting.DAILY_API_URL)),
          config.require(Setting.DAILY_API_KEY));
    }
    return new LocalDailyFolder(Path.of(config.require(Setting.DAILY_RECORDINGS_DIR)));
  }

  static Transcriber transcriber(PipelineConfig config) {
    String backend = config.require(Setting.TRANSCRIPT_BACKEND).toLowerCase(Locale.ROOT);
    switch (backend) {
      case "recorded":
        return new RecordedTranscriber(Path.of(config.require(Setting.TRANSCRIPT_RECORDED_DIR)));
      case "upstream":
        return new UpstreamTranscriber(URI.create(config.require(Setting.TRANSCRIPT_URL)),
            config.get(Setting.TRANSCRIPT_API_KEY).orElse(null), Duration.ofSeconds(600));
      case "openai":
        return new OpenAiTranscriber(URI.create(config.require(Setting.TRANSCRIPT_URL)),
            config.get(Setting.TRANSCRIPT_API_KEY).orElse(null), config.require(Setting.TRANSCRIPT_MODEL),
            OpenAiTranscriber.DEFAULT_TIMEOUT);
      default:
        throw new IllegalArgumentException(
            "TRANSCRIPT_BACKEND must be recorded, upstream or openai, got '" + backend + "'");
    }
  }

  static Summariser summariser(PipelineConfig config) {
    if (config.isSet(Setting.LLM_URL)) {
      OpenAiSummariser.Builder llm = OpenAiSummariser.builder(URI.create(config.require(Setting.LLM_URL)))
          .model(config.require(Setting.LLM_MODEL));
      config.get(Setting.LLM_API_KEY).ifPresent(llm::apiKey);
      return llm.build();
    }
    return new ExtractiveSummariser();
  }

  static ZulipClient zulip(PipelineConfig config) {
    if (!config.isSet(Setting.ZULIP_REALM)) {
      return null;
    }
    return new ZulipClient(URI.create(config.require(Setting.ZULIP_REALM)), config.require(Setting.ZULIP_BOT_EMAIL),
        config.require(Setting.ZULIP_API_KEY));
  }
}
