package dev.cairn.pipeline.app;

import java.util.Locale;

/**
 * Every setting the pipeline reads, from the environment or as a {@code --name=value} flag (the flag name is the
 * variable in lower case with dashes: {@code --daily-api-key}). The README's configuration table is this list.
 * Names follow upstream Reflector's where it has one.
 */
public enum Setting {
  CAIRN_JDBC_URL("PostgreSQL JDBC URL for the engine and the transcript tables; unset: embedded PostgreSQL", null),
  CAIRN_DB_USER("database user for CAIRN_JDBC_URL", "postgres"),
  CAIRN_DB_PASSWORD("database password for CAIRN_JDBC_URL", "", true),
  CAIRN_DATA_DIR("embedded PostgreSQL data directory", ".cairn/pgdata"),
  CAIRN_SCHEMA("engine schema", "cairn"),
  CAIRN_TARGET("worker/process: the engine's gRPC address host:port", "localhost:7233"),
  CAIRN_TOKEN("worker/process: bearer token for the engine (or CAIRN_TOKEN_FILE)", null, true),
  CAIRN_TOKEN_FILE("worker/process: file holding the token (e.g. the engine's first admin token)", null),
  PIPELINE_CLIENT_TOKEN("worker: CLIENT token the HTTP endpoints trigger runs with; unset: CAIRN_TOKEN, which must "
      + "then be a CLIENT or ADMIN token", null, true),
  CAIRN_WORKER_SLOTS("worker: steps run at once", "8"),
  CAIRN_WORKER_ID("worker: id shown on the steps it runs; default host name and pid", null),
  CAIRN_WORKER_LABELS("worker: labels steps are routed by, key=value pairs separated by commas (pool=cpu-heavy "
      + "takes mixdown_tracks, which requires it); unset: none", null),
  PIPELINE_WORKFLOWS("worker: the workflows it serves, comma-separated (a CPU pool serves DiarizationPipeline "
      + "only)", "DiarizationPipeline,TrackProcessing,TopicChunkProcessing"),
  PIPELINE_MAINTENANCE("worker: true to also serve the scheduled maintenance workflows (nightly reprocess of failed "
      + "Daily recordings; the Daily poller with DAILY_API_KEY and no DAILY_WEBHOOK_SECRET) and keep their schedules "
      + "on the engine; needs a CLIENT or ADMIN token (PIPELINE_CLIENT_TOKEN or CAIRN_TOKEN)", "false"),
  PIPELINE_SCHEMA("schema of the transcript tables", "reflector"),
  CAIRN_DASHBOARD_PORT("demo: port of the web dashboard (runs, their graph, timeline and live events; log in with "
      + "the CLIENT token the demo prints), served while the run runs and, from a terminal, until Enter is pressed; "
      + "0: a free port; off: not served", "7234"),
  PIPELINE_HTTP_PORT("port of the HTTP endpoints: POST /v1/daily/webhook (with DAILY_WEBHOOK_SECRET), "
      + "GET /v1/transcripts/{id} and GET /v1/transcripts/{id}/events (live, Server-Sent Events; both need a CLIENT "
      + "or ADMIN token); unset: off", null),
  PIPELINE_HTTP_MAX_EVENT_STREAMS("most event streams (GET /v1/transcripts/{id}/events) open at once; one more is "
      + "answered 503", "100"),
  PIPELINE_WORK_DIR("temporary audio files (unset: cairn-pipeline in the system temp directory); each process "
      + "works in its own scratch-<pid>-<random> directory there, held by a lock, and on start removes those whose "
      + "process died (kill -9 included); shareable by processes on one host", null),
  STORAGE_BACKEND("local or s3", "local"),
  STORAGE_LOCAL_DIR("root of local storage (bucket/key)", ".cairn/storage"),
  TRANSCRIPT_STORAGE_AWS_BUCKET_NAME("bucket for padded tracks, words and the MP3", "reflector-transcripts"),
  TRANSCRIPT_STORAGE_AWS_REGION("S3 region", "us-east-1"),
  TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL("S3 endpoint override (MinIO, S3Proxy...); path-style access is used", null),
  TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID("S3 access key; unset: the default AWS credential chain", null),
  TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY("S3 secret key", null, true),
  DAILYCO_STORAGE_AWS_BUCKET_NAME("bucket Daily writes raw tracks to", "acme-daily-raw-tracks"),
  DAILY_API_KEY("Daily REST API key; unset: recordings are read from DAILY_RECORDINGS_DIR", null, true),
  DAILY_API_URL("Daily REST API base", "https://api.daily.co/v1"),
  DAILY_RECORDINGS_DIR("local folder of recordings laid out like Daily's answers (embedded default)", "samples"),
  DAILY_WEBHOOK_SECRET("base64 secret Daily signs webhooks with; required for the webhook endpoint", null, true),
  TRANSCRIPT_BACKEND("recorded, upstream (transcriptions-from-url) or openai (/v1/audio/transcriptions)",
      "recorded"),
  TRANSCRIPT_URL("transcription service base URL", null),
  TRANSCRIPT_API_KEY("transcription service key", null, true),
  TRANSCRIPT_MODEL("model for the OpenAI-compatible API", "whisper-1"),
  TRANSCRIPT_RECORDED_DIR("recorded answers (words/track-N.json beside each recording)", "samples"),
  LLM_URL("OpenAI-compatible chat API base; unset: the extractive summariser (no LLM)", null),
  LLM_API_KEY("LLM API key", null, true),
  LLM_MODEL("LLM model", "microsoft/phi-4"),
  LLM_RATE_LIMIT_PER_SECOND("units per second of the llm rate limit every LLM call takes from (set by each "
      + "worker and the demo on start, like upstream's ensure_rate_limit)", "10"),
  ZULIP_REALM("Zulip server base URL; unset: Zulip posting is skipped", null),
  ZULIP_BOT_EMAIL("Zulip bot e-mail", null),
  ZULIP_API_KEY("Zulip bot API key", null, true),
  UI_BASE_URL("base of transcript links in Zulip messages and webhooks", "http://localhost:3000");

  private final String description;
  private final String defaultValue;
  private final boolean secret;

  Setting(String description, String defaultValue) {
    this(description, defaultValue, false);
  }

  Setting(String description, String defaultValue, boolean secret) {
    this.description = description;
    this.defaultValue = defaultValue;
    this.secret = secret;
  }

  public String description() {
    return description;
  }

  /** Null when the setting has no default (it is then off or required, as the description says). */
  public String defaultValue() {
    return defaultValue;
  }

  /** Secrets are never printed; {@link PipelineConfig#describe} shows them as {@code ***}. */
  public boolean secret() {
    return secret;
  }

  public String flag() {
    return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
