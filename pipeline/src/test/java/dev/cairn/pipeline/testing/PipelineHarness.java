package dev.cairn.pipeline.testing;

import dev.cairn.Cairn;
import dev.cairn.CairnClock;
import dev.cairn.Role;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.pipeline.app.DailyIngest;
import dev.cairn.pipeline.app.DailyMaintenance;
import dev.cairn.pipeline.app.PipelineComponents;
import dev.cairn.pipeline.app.PipelineConfig;
import dev.cairn.pipeline.app.PipelineHttpServer;
import dev.cairn.pipeline.app.TranscriptLinks;
import dev.cairn.pipeline.daily.DailyWebhookSignature;
import dev.cairn.pipeline.http.TokenCheck;
import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.transcript.Recording;
import dev.cairn.pipeline.transcript.Room;
import dev.cairn.pipeline.workflow.PipelineLimits;
import dev.cairn.pipeline.workflow.PipelineServices;
import dev.cairn.testing.Ports;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The pipeline embedded in an engine on the test database, configured exactly as a user would configure it
 * (settings by name, through {@link PipelineComponents}), with the third-party services faked by
 * {@link FakeServices}.
 */
public final class PipelineHarness implements AutoCloseable {
  public static final String DAILY_BUCKET = "daily-raw";
  public static final String TRANSCRIPT_BUCKET = "transcripts";

  private static final AtomicInteger SAMPLES = new AtomicInteger();

  private final String schema = TestDatabase.newSchema();
  private final PipelineServices services;
  private final Cairn cairn;
  private final PipelineConfig config;
  private final DailyIngest ingest;
  private final String dailySecret = randomSecret();
  private final PipelineHttpServer http;
  private final String clientToken;

  /** Settings for local storage under {@code storageDir}, Daily/ASR/Zulip at {@code fakes}; override as needed. */
  /**
   * {@link #localSettings} for a pipeline worker process of {@code engine} (its gRPC port must be on), with the
   * transcript tables in their own schema beside the engine's {@code schema}, and {@code token} to connect with.
   */
  public static Map<String, String> workerSettings(FakeServices fakes, Path storageDir, String schema, int grpcPort,
      String token) {
    Map<String, String> settings = localSettings(fakes, storageDir);
    settings.put("PIPELINE_SCHEMA", "p" + schema);
    settings.put("CAIRN_JDBC_URL", TestDatabase.jdbcUrl());
    settings.put("CAIRN_DB_USER", "postgres");
    settings.put("CAIRN_DB_PASSWORD", "postgres");
    settings.put("CAIRN_TARGET", "127.0.0.1:" + grpcPort);
    settings.put("CAIRN_TOKEN", token);
    return settings;
  }

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
    // A worker started with these settings is every pool at once, so it takes the mixdown too.
    settings.put("CAIRN_WORKER_LABELS", PipelineLimits.POOL + "=" + PipelineLimits.CPU_HEAVY);
    return settings;
  }

  public PipelineHarness(Map<String, String> settings) {
    this(settings, (Path) null);
  }

  /** With {@code keptPaddedTracks} non-null, every padded track is also copied there (see {@link KeepingStorage}). */
  public PipelineHarness(Map<String, String> settings, Path keptPaddedTracks) {
    this(settings, keptPaddedTracks == null ? storage -> storage : storage -> new KeepingStorage(storage,
        keptPaddedTracks));
  }

  /** With the workflows' storage wrapped by {@code storage} (to keep or to break things in tests). */
  public PipelineHarness(Map<String, String> settings, UnaryOperator<ObjectStorage> storage) {
    this(settings, storage, TestDatabase.dataSource(), TestDatabase.dataSource());
  }

  /**
   * With the pipeline's queries going through {@code pool} (e.g. a small connection pool, as a worker has), while
   * live transcript readers listen on a connection of {@code listenSource}, as in production.
   */
  public PipelineHarness(Map<String, String> settings, DataSource pool, DataSource listenSource) {
    this(settings, storage -> storage, pool, listenSource, engine -> engine, 0);
  }

  /** With the engine on {@code clock} (schedules, timers and leases follow it). */
  public static PipelineHarness withClock(Map<String, String> settings, CairnClock clock) {
    return new PipelineHarness(settings, storage -> storage, TestDatabase.dataSource(), TestDatabase.dataSource(),
        engine -> engine.clock(clock), 0);
  }

  /**
   * With the engine serving its web dashboard on a free port ({@link Cairn#dashboardPort()}), and its links to the
   * transcript endpoints, served on a port chosen before the engine is built for them.
   */
  public static PipelineHarness withDashboard(Map<String, String> settings) {
    int httpPort = Ports.free();
    return new PipelineHarness(settings, storage -> storage, TestDatabase.dataSource(), TestDatabase.dataSource(),
        engine -> TranscriptLinks.register(engine.dashboardPort(0), httpPort), httpPort);
  }

  private PipelineHarness(Map<String, String> settings, UnaryOperator<ObjectStorage> storage, DataSource pool,
      DataSource listenSource) {
    this(settings, storage, pool, listenSource, engine -> engine, 0);
  }

  private PipelineHarness(Map<String, String> settings, UnaryOperator<ObjectStorage> storage, DataSource pool,
      DataSource listenSource, UnaryOperator<Cairn.Builder> engineSettings, int httpPort) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("PIPELINE_SCHEMA", "p" + schema); // beside the engine's schema, as in production
    config = PipelineConfig.from(all);
    PipelineServices built = PipelineComponents.services(config, pool, listenSource);
    services = built.withStorage(storage.apply(built.storage()));
    // One engine is every worker pool, as in the demo: it carries the label the mixdown requires.
    AtomicReference<Runs> engine = new AtomicReference<>();
    Cairn.Builder builder = TestEngines.builder(schema).label(PipelineLimits.POOL, PipelineLimits.CPU_HEAVY)
        .register(PipelineComponents.workflows(services))
        .register(PipelineComponents.maintenanceWorkflows(new DailyMaintenance(services, engine::get, DAILY_BUCKET)));
    cairn = engineSettings.apply(builder).build();
    engine.set(cairn);
    cairn.start();
    ingest = DailyIngest.of(services, cairn, config);
    clientToken = cairn.tokens().create("harness-client", Role.CLIENT, null).secret();
    http = httpServer().port(httpPort).start();
  }

  private static String randomSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  /**
   * A builder of another HTTP server for this pipeline, set up as the harness's own (its webhook secret, the
   * engine's tokens), for tests that need other settings.
   */
  public PipelineHttpServer.Builder httpServer() {
    return httpServer(TokenCheck.embedded(cairn.tokens()));
  }

  /** As {@link #httpServer()}, checking bearer tokens with {@code tokens}. */
  public PipelineHttpServer.Builder httpServer(TokenCheck tokens) {
    return PipelineHttpServer.builder(ingest, services, tokens).dailyWebhookSecret(dailySecret);
  }

  /** A CLIENT token of the engine, which the transcript endpoints accept. */
  public String clientToken() {
    return clientToken;
  }

  /** {@code http://127.0.0.1:<port>} of the pipeline's HTTP endpoints. */
  public URI httpBase() {
    return URI.create("http://127.0.0.1:" + http.port());
  }

  /** The base64 secret the harness's Daily webhook endpoint verifies signatures with. */
  public String dailySecret() {
    return dailySecret;
  }

  /** POSTs {@code body} to the Daily webhook endpoint, signed with {@code secret} as Daily signs. */
  public HttpResponse<String> postDailyWebhook(String body, String secret) throws Exception {
    return postDailyWebhook(body, secret, Long.toString(System.currentTimeMillis() / 1000));
  }

  /** As {@link #postDailyWebhook(String, String)}, signed with the given {@code X-Webhook-Timestamp}. */
  public HttpResponse<String> postDailyWebhook(String body, String secret, String timestamp) throws Exception {
    String signature = DailyWebhookSignature.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + http.port() + PipelineHttpServer.DAILY_WEBHOOK_PATH))
        .header("X-Webhook-Timestamp", timestamp).header("X-Webhook-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The storage as the workflows see it (a {@link KeepingStorage} when padded tracks are kept). */
  public KeepingStorage keepingStorage() {
    return (KeepingStorage) services.storage();
  }

  public PipelineServices services() {
    return services;
  }

  /** The settings the harness runs with. */
  public PipelineConfig config() {
    return config;
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

  /** The schema of the pipeline's tables. */
  public String pipelineSchema() {
    return "p" + schema;
  }

  /** Row counts of the pipeline's tables and the engine's runs (see {@link PipelineRows}). */
  public Map<String, Long> rows() {
    return PipelineRows.count(schema, pipelineSchema());
  }

  /**
   * A fresh copy of the sample recording named {@code name} (its own recording id, keys and Daily room), served by
   * the fake Daily and seeded into the Daily bucket; with {@code room} non-null, a Reflector room for it is saved
   * as {@code room} makes it from the room's name.
   */
  public SampleRecording sample(FakeServices fakes, String name, Function<String, Room> room) {
    String unique = name + "-" + SAMPLES.incrementAndGet();
    SampleRecording recording = new SampleRecording(unique + "-" + System.nanoTime(), unique, unique + "-room");
    fakes.serve(recording);
    recording.seed(services.storage(), DAILY_BUCKET);
    if (room != null) {
      services.meetings().saveRoom(room.apply(recording.room()));
    }
    return recording;
  }

  /** The transcript of a new recording {@code recordingId} of one track, not processed: for the HTTP tests. */
  public String newTranscript(String recordingId) {
    services.meetings().saveRecording(new Recording(recordingId, "bucket", "room",
        Instant.parse("2026-11-03T14:05:31Z"), null, "room-20261103140512", List.of("a-cam-audio-1")));
    return services.transcripts().transcriptForRecording(recordingId, null, null);
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
    http.close();
    cairn.close();
    services.scratch().close();
  }
}
