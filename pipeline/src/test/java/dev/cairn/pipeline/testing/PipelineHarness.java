package dev.cairn.pipeline.testing;

import dev.cairn.Cairn;
import dev.cairn.RunView;
import dev.cairn.pipeline.app.DailyIngest;
import dev.cairn.pipeline.app.PipelineComponents;
import dev.cairn.pipeline.app.PipelineConfig;
import dev.cairn.pipeline.app.RunGateway;
import dev.cairn.pipeline.workflow.PipelineServices;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The pipeline embedded in an engine on the test database, configured exactly as a user would configure it
 * (settings by name, through {@link PipelineComponents}), with the third-party services faked by
 * {@link FakeServices}.
 */
public final class PipelineHarness implements AutoCloseable {
  public static final String DAILY_BUCKET = "daily-raw";
  public static final String TRANSCRIPT_BUCKET = "transcripts";

  private final String schema = TestDatabase.newSchema();
  private final PipelineServices services;
  private final Cairn cairn;
  private final DailyIngest ingest;

  /** Settings for local storage under {@code storageDir}, Daily/ASR/Zulip at {@code fakes}; override as needed. */
  public static Map<String, String> localSettings(FakeServices fakes, Path storageDir) {
    Map<String, String> settings = new HashMap<>();
    settings.put("STORAGE_BACKEND", "local");
    settings.put("STORAGE_LOCAL_DIR", storageDir.toString());
    settings.put("TRANSCRIPT_STORAGE_AWS_BUCKET_NAME", TRANSCRIPT_BUCKET);
    settings.put("DAILYCO_STORAGE_AWS_BUCKET_NAME", DAILY_BUCKET);
    settings.put("DAILY_API_KEY", FakeServices.DAILY_KEY);
    settings.put("DAILY_API_URL", fakes.dailyApiUrl());
    settings.put("TRANSCRIPT_BACKEND", "upstream");
    settings.put("TRANSCRIPT_URL", fakes.baseUri().toString());
    settings.put("ZULIP_REALM", fakes.baseUri().toString());
    settings.put("ZULIP_BOT_EMAIL", "bot@example.com");
    settings.put("ZULIP_API_KEY", "zulip-test-key");
    settings.put("UI_BASE_URL", "https://reflector.example.com");
    settings.put("PIPELINE_WORK_DIR", storageDir.resolveSibling("work").toString());
    return settings;
  }

  public PipelineHarness(Map<String, String> settings) {
    this(settings, null);
  }

  /** With {@code keptPaddedTracks} non-null, every padded track is also copied there (see {@link KeepingStorage}). */
  public PipelineHarness(Map<String, String> settings, Path keptPaddedTracks) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("PIPELINE_SCHEMA", "p" + schema); // beside the engine's schema, as in production
    PipelineConfig config = PipelineConfig.from(all);
    PipelineServices built = PipelineComponents.services(config, TestDatabase.dataSource());
    services = keptPaddedTracks == null ? built
        : built.withStorage(new KeepingStorage(built.storage(), keptPaddedTracks));
    cairn = TestEngines.builder(schema).register(PipelineComponents.workflows(services)).build();
    cairn.start();
    ingest = new DailyIngest(services.transcripts(), services.meetings(), RunGateway.embedded(cairn),
        config.require(dev.cairn.pipeline.app.Setting.DAILYCO_STORAGE_AWS_BUCKET_NAME));
  }

  /** The storage as the workflows see it (a {@link KeepingStorage} when padded tracks are kept). */
  public KeepingStorage keepingStorage() {
    return (KeepingStorage) services.storage();
  }

  public PipelineServices services() {
    return services;
  }

  public Cairn cairn() {
    return cairn;
  }

  public DailyIngest ingest() {
    return ingest;
  }

  /** The engine's schema (the pipeline's tables are in {@code p<schema>}). */
  public String schema() {
    return schema;
  }

  /** Ingests the recording as Daily's webhook would and waits for its run to finish. */
  public DailyIngest.Started process(SampleRecording recording) {
    return ingest.ingest(recording.recordingId(), recording.recordingJson().path("room_name").asText(),
        recording.recordingJson().path("start_ts").asLong(), recording.tracks());
  }

  public RunView await(UUID runId) {
    return cairn.await(runId, Duration.ofMinutes(3));
  }

  @Override
  public void close() {
    cairn.close();
  }
}
