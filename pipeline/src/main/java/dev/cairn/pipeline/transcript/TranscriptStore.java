package dev.cairn.pipeline.transcript;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Word;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Transcripts, their participants, topics and event log. Every method is one statement or one short transaction;
 * methods that change what a user sees append the matching event in the same transaction and notify readers
 * ({@link TranscriptSubscription}, woken through the process's one {@link TranscriptFeed}) after commit.
 */
public final class TranscriptStore {
  static final String EVENT_CHANNEL = "reflector_transcript_event";
  private static final TypeReference<List<Word>> WORDS = new TypeReference<>() {};
  private static final TypeReference<List<Double>> NUMBERS = new TypeReference<>() {};

  private final Jdbi jdbi;
  private final ObjectMapper json;
  private final StoredJson stored;
  private final TranscriptFeed feed;

  /** A store whose readers listen on a connection of {@code dataSource} too (use an unpooled one). */
  public TranscriptStore(DataSource dataSource, String schema, ObjectMapper json) {
    this(dataSource, dataSource, schema, json);
  }

  /**
   * @param dataSource the pool every query borrows from
   * @param listenSource where the one dedicated LISTEN connection of live readers comes from: not the pool, which
   *     would lose a connection to it for as long as anyone watches
   */
  public TranscriptStore(DataSource dataSource, DataSource listenSource, String schema, ObjectMapper json) {
    this.json = json;
    this.stored = new StoredJson(json);
    this.jdbi = Jdbi.create(dataSource).define("schema", TranscriptDatabase.requireSchemaName(schema));
    this.feed = new TranscriptFeed(listenSource, EVENT_CHANNEL);
  }

  // ---- transcripts ----

  /** The transcript of a recording, created {@code idle} when there is none yet (upstream §1.2). */
  public String transcriptForRecording(String recordingId, String meetingId, String roomId) {
    return jdbi.inTransaction(h -> {
      Optional<String> existing = h.createQuery("SELECT id FROM <schema>.transcript WHERE recording_id = :r")
          .bind("r", recordingId).mapTo(String.class).findOne();
      if (existing.isPresent()) {
        return existing.get();
      }
      String id = UUID.randomUUID().toString();
      h.createUpdate("""
          INSERT INTO <schema>.transcript (id, recording_id, meeting_id, room_id) VALUES (:id, :r, :m, :room)
          ON CONFLICT (recording_id) DO NOTHING""")
          .bind("id", id).bind("r", recordingId).bind("m", meetingId).bind("room", roomId).execute();
      return h.createQuery("SELECT id FROM <schema>.transcript WHERE recording_id = :r")
          .bind("r", recordingId).mapTo(String.class).one();
    });
  }

  public Optional<Transcript> find(String transcriptId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM <schema>.transcript WHERE id = :id")
        .bind("id", transcriptId)
        .map((rs, ctx) -> readTranscript(h, rs))
        .findOne());
  }

  public Transcript get(String transcriptId) {
    return find(transcriptId).orElseThrow(() -> new UnknownTranscriptException(transcriptId));
  }

  /** Just the status (steps check it after every attempt; {@link #get} also reads topics and their words). */
  public TranscriptStatus status(String transcriptId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT status FROM <schema>.transcript WHERE id = :id")
        .bind("id", transcriptId).mapTo(String.class).findOne()).map(TranscriptStatus::fromWire)
        .orElseThrow(() -> new UnknownTranscriptException(transcriptId));
  }

  /** Sets the status and appends {@code STATUS}; does nothing when the status is already {@code status}. */
  public boolean setStatus(String transcriptId, TranscriptStatus status) {
    return changeAndNotify(transcriptId, h -> {
      int changed = h.createUpdate("""
          UPDATE <schema>.transcript SET status = :s WHERE id = :id AND status <> :s""")
          .bind("s", status.wire()).bind("id", transcriptId).execute();
      if (changed == 0) {
        requireExists(h, transcriptId);
        return false;
      }
      append(h, transcriptId, EventType.STATUS, Map.of("value", status.wire()));
      return true;
    });
  }

  /**
   * Starts processing afresh (upstream {@code get_participants}): drops earlier events, topics and participants,
   * sets the duration (ms) and appends {@code DURATION}. The title is kept: a user may have edited it. The new log
   * starts with the current {@code STATUS}, so a watcher replaying it knows the transcript is being processed.
   */
  public void resetForProcessing(String transcriptId, double durationMs) {
    changeAndNotify(transcriptId, h -> {
      requireExists(h, transcriptId);
      h.createUpdate("DELETE FROM <schema>.transcript_event WHERE transcript_id = :id").bind("id", transcriptId)
          .execute();
      h.createUpdate("DELETE FROM <schema>.transcript_topic WHERE transcript_id = :id").bind("id", transcriptId)
          .execute();
      h.createUpdate("DELETE FROM <schema>.transcript_participant WHERE transcript_id = :id")
          .bind("id", transcriptId).execute();
      String status = h.createQuery("UPDATE <schema>.transcript SET duration_ms = :d WHERE id = :id RETURNING status")
          .bind("d", durationMs).bind("id", transcriptId).mapTo(String.class).one();
      append(h, transcriptId, EventType.STATUS, Map.of("value", status));
      append(h, transcriptId, EventType.DURATION, Map.of("duration", durationMs));
      return null;
    });
  }

  /** Upserts participants by Daily participant id (a reprocess replaces names and speakers). */
  public void upsertParticipants(String transcriptId, List<Participant> participants) {
    jdbi.useTransaction(h -> {
      requireExists(h, transcriptId);
      for (Participant p : participants) {
        h.createUpdate("""
            INSERT INTO <schema>.transcript_participant (transcript_id, participant_id, speaker, name, user_id)
            VALUES (:t, :id, :speaker, :name, :user)
            ON CONFLICT (transcript_id, participant_id)
            DO UPDATE SET speaker = EXCLUDED.speaker, name = EXCLUDED.name, user_id = EXCLUDED.user_id""")
            .bind("t", transcriptId).bind("id", p.id()).bind("speaker", p.speaker()).bind("name", p.name())
            .bind("user", p.userId()).execute();
      }
    });
  }

  /** Removes every topic (a retried or replayed topic detection starts clean instead of appending duplicates). */
  public void clearTopics(String transcriptId) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM <schema>.transcript_topic WHERE transcript_id = :id")
        .bind("id", transcriptId).execute());
  }

  /** Stores topic number {@code position} (replacing one stored there) and appends {@code TOPIC}. */
  public void putTopic(String transcriptId, int position, Topic topic) {
    changeAndNotify(transcriptId, h -> {
      h.createUpdate("""
          INSERT INTO <schema>.transcript_topic
            (transcript_id, position, id, title, summary, timestamp_s, duration_s, transcript, words)
          VALUES (:t, :p, :id, :title, :summary, :ts, :dur, :text, CAST(:words AS jsonb))
          ON CONFLICT (transcript_id, position) DO UPDATE SET id = EXCLUDED.id, title = EXCLUDED.title,
            summary = EXCLUDED.summary, timestamp_s = EXCLUDED.timestamp_s, duration_s = EXCLUDED.duration_s,
            transcript = EXCLUDED.transcript, words = EXCLUDED.words""")
          .bind("t", transcriptId).bind("p", position).bind("id", topic.id()).bind("title", topic.title())
          .bind("summary", topic.summary()).bind("ts", topic.timestamp()).bind("dur", topic.duration())
          .bind("text", topic.transcript()).bind("words", stored.write(topic.words())).execute();
      append(h, transcriptId, EventType.TOPIC, topic);
      return null;
    });
  }

  /** Writes the title only if the transcript has none (a user's title wins); always appends {@code FINAL_TITLE}. */
  public void setFinalTitle(String transcriptId, String title) {
    changeAndNotify(transcriptId, h -> {
      requireExists(h, transcriptId);
      h.createUpdate("UPDATE <schema>.transcript SET title = :t WHERE id = :id AND title IS NULL")
          .bind("t", title).bind("id", transcriptId).execute();
      ObjectNode data = json.createObjectNode();
      data.put("title", title);
      append(h, transcriptId, EventType.FINAL_TITLE, data);
      return null;
    });
  }

  public void setSummaries(String transcriptId, String shortSummary, String longSummary) {
    changeAndNotify(transcriptId, h -> {
      requireExists(h, transcriptId);
      h.createUpdate("UPDATE <schema>.transcript SET short_summary = :s, long_summary = :l WHERE id = :id")
          .bind("s", shortSummary).bind("l", longSummary).bind("id", transcriptId).execute();
      append(h, transcriptId, EventType.FINAL_SHORT_SUMMARY, Map.of("short_summary", shortSummary));
      append(h, transcriptId, EventType.FINAL_LONG_SUMMARY, Map.of("long_summary", longSummary));
      return null;
    });
  }

  public void setActionItems(String transcriptId, Object actionItems) {
    changeAndNotify(transcriptId, h -> {
      requireExists(h, transcriptId);
      h.createUpdate("UPDATE <schema>.transcript SET action_items = CAST(:a AS jsonb) WHERE id = :id")
          .bind("a", stored.write(actionItems)).bind("id", transcriptId).execute();
      append(h, transcriptId, EventType.ACTION_ITEMS, Map.of("action_items", actionItems));
      return null;
    });
  }

  public void setWaveform(String transcriptId, List<Double> waveform) {
    changeAndNotify(transcriptId, h -> {
      requireExists(h, transcriptId);
      h.createUpdate("UPDATE <schema>.transcript SET waveform = CAST(:w AS jsonb) WHERE id = :id")
          .bind("w", stored.write(waveform)).bind("id", transcriptId).execute();
      append(h, transcriptId, EventType.WAVEFORM, Map.of("waveform", waveform));
      return null;
    });
  }

  /** Appends {@code TRANSCRIPT} (empty text, as upstream), clears the run id and sets {@code ended}. */
  public void finish(String transcriptId) {
    changeAndNotify(transcriptId, h -> {
      requireExists(h, transcriptId);
      ObjectNode text = json.createObjectNode();
      text.put("text", "");
      text.putNull("translation");
      append(h, transcriptId, EventType.TRANSCRIPT, text);
      int changed = h.createUpdate("""
          UPDATE <schema>.transcript SET workflow_run_id = NULL, status = 'ended'
          WHERE id = :id AND status <> 'ended'""").bind("id", transcriptId).execute();
      if (changed > 0) {
        append(h, transcriptId, EventType.STATUS, Map.of("value", TranscriptStatus.ENDED.wire()));
      }
      return null;
    });
  }

  public void setAudioLocation(String transcriptId, String location) {
    update(transcriptId, "UPDATE <schema>.transcript SET audio_location = :v WHERE id = :id", location);
  }

  public void setAudioDeleted(String transcriptId, boolean deleted) {
    update(transcriptId, "UPDATE <schema>.transcript SET audio_deleted = :v WHERE id = :id", deleted);
  }

  public void setZulipMessageId(String transcriptId, long messageId) {
    update(transcriptId, "UPDATE <schema>.transcript SET zulip_message_id = :v WHERE id = :id", messageId);
  }

  public void setWorkflowRunId(String transcriptId, UUID runId) {
    update(transcriptId, "UPDATE <schema>.transcript SET workflow_run_id = :v WHERE id = :id", runId);
  }

  public void recordWebhookDelivery(WebhookDelivery delivery) {
    jdbi.useHandle(h -> h.createUpdate("""
        INSERT INTO <schema>.webhook_delivery
          (transcript_id, event_id, url, delivered, attempts, response_code, error, sent_at)
        VALUES (:t, :e, :url, :d, :a, :code, :err, :at)""")
        .bind("t", delivery.transcriptId()).bind("e", delivery.eventId()).bind("url", delivery.url())
        .bind("d", delivery.delivered()).bind("a", delivery.attempts()).bind("code", delivery.responseCode())
        .bind("err", delivery.error()).bind("at", Timestamp.from(delivery.sentAt())).execute());
  }

  public List<WebhookDelivery> webhookDeliveries(String transcriptId) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT * FROM <schema>.webhook_delivery WHERE transcript_id = :t ORDER BY id""")
        .bind("t", transcriptId)
        .map((rs, ctx) -> new WebhookDelivery(rs.getString("transcript_id"), rs.getString("event_id"),
            rs.getString("url"), rs.getBoolean("delivered"), rs.getInt("attempts"),
            (Integer) rs.getObject("response_code"), rs.getString("error"),
            rs.getTimestamp("sent_at").toInstant()))
        .list());
  }

  /**
   * True once {@code finalize} has finished the text of the current processing (its {@code TRANSCRIPT} event is in
   * the log; a reprocess clears the log).
   */
  public boolean textFinished(String transcriptId) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT EXISTS (SELECT 1 FROM <schema>.transcript_event WHERE transcript_id = :t AND event = 'TRANSCRIPT')""")
        .bind("t", transcriptId).mapTo(Boolean.class).one());
  }

  // ---- events ----

  /** Appends an event that changes no column (e.g. a progress note). */
  public long appendEvent(String transcriptId, EventType type, Object data) {
    return changeAndNotify(transcriptId, h -> append(h, transcriptId, type, data));
  }

  /** The sequence number of the transcript's last event (0 before the first); later events number above it. */
  public long lastEventSeq(String transcriptId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT last_event_seq FROM <schema>.transcript WHERE id = :id")
        .bind("id", transcriptId).mapTo(Long.class).findOne()
        .orElseThrow(() -> new UnknownTranscriptException(transcriptId)));
  }

  /** The events after {@code afterSeq}, oldest first, at most {@code limit}. */
  public List<TranscriptEvent> events(String transcriptId, long afterSeq, int limit) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT seq, event, data::text AS data, created_at FROM <schema>.transcript_event
        WHERE transcript_id = :t AND seq > :after ORDER BY seq LIMIT :limit""")
        .bind("t", transcriptId).bind("after", afterSeq).bind("limit", limit)
        .map((rs, ctx) -> new TranscriptEvent(transcriptId, rs.getLong("seq"), EventType.valueOf(rs.getString("event")),
            stored.readTree(rs.getString("data")), rs.getTimestamp("created_at").toInstant()))
        .list());
  }

  /** A reader of the events after {@code afterSeq}, woken as they are appended; close it when done. */
  public TranscriptSubscription subscribe(String transcriptId, long afterSeq) {
    TranscriptSubscription subscription = new TranscriptSubscription(this, feed, transcriptId, afterSeq);
    feed.add(subscription);
    return subscription;
  }

  /** How many readers ({@link #subscribe}, {@link #watch}) are open in this process. */
  public int openSubscriptions() {
    return feed.size();
  }

  /** Streams the events after {@code afterSeq} to {@code consumer} as they are appended, until closed. */
  public TranscriptWatch watch(String transcriptId, long afterSeq, Consumer<TranscriptEvent> consumer) {
    return TranscriptWatch.start(subscribe(transcriptId, afterSeq), consumer);
  }

  // ---- internals ----

  private long append(Handle h, String transcriptId, EventType type, Object data) {
    long seq = h.createQuery("""
        UPDATE <schema>.transcript SET last_event_seq = last_event_seq + 1 WHERE id = :id RETURNING last_event_seq""")
        .bind("id", transcriptId).mapTo(Long.class).findOne()
        .orElseThrow(() -> new UnknownTranscriptException(transcriptId));
    h.createUpdate("""
        INSERT INTO <schema>.transcript_event (transcript_id, seq, event, data)
        VALUES (:t, :seq, :event, CAST(:data AS jsonb))""")
        .bind("t", transcriptId).bind("seq", seq).bind("event", type.name()).bind("data", stored.write(data))
        .execute();
    return seq;
  }

  private <T> T changeAndNotify(String transcriptId, HandleCallback<T, RuntimeException> change) {
    return jdbi.inTransaction(h -> {
      T result = change.withHandle(h);
      // Delivered at commit; watchers re-read the log, so the payload only needs to say which transcript.
      h.createQuery("SELECT pg_notify(:channel, :id)").bind("channel", EVENT_CHANNEL).bind("id", transcriptId)
          .mapTo(String.class).findOne();
      return result;
    });
  }

  private void update(String transcriptId, String sql, Object value) {
    int changed = jdbi.withHandle(h -> h.createUpdate(sql).bind("v", value).bind("id", transcriptId).execute());
    if (changed == 0) {
      throw new UnknownTranscriptException(transcriptId);
    }
  }

  private void requireExists(Handle h, String transcriptId) {
    h.createQuery("SELECT id FROM <schema>.transcript WHERE id = :id FOR UPDATE").bind("id", transcriptId)
        .mapTo(String.class).findOne().orElseThrow(() -> new UnknownTranscriptException(transcriptId));
  }

  private Transcript readTranscript(Handle h, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<Participant> participants = h.createQuery("""
        SELECT participant_id, speaker, name, user_id FROM <schema>.transcript_participant
        WHERE transcript_id = :t ORDER BY speaker, participant_id""")
        .bind("t", id)
        .map((p, ctx) -> new Participant(p.getString("participant_id"), p.getInt("speaker"), p.getString("name"),
            p.getString("user_id")))
        .list();
    List<Topic> topics = h.createQuery("""
        SELECT id, title, summary, timestamp_s, duration_s, transcript, words::text AS words
        FROM <schema>.transcript_topic WHERE transcript_id = :t ORDER BY position""")
        .bind("t", id)
        .map((t, ctx) -> new Topic(t.getObject("id", UUID.class), t.getString("title"), t.getString("summary"),
            t.getDouble("timestamp_s"), t.getDouble("duration_s"), t.getString("transcript"),
            stored.read(t.getString("words"), WORDS)))
        .list();
    String waveform = rs.getString("waveform");
    String actionItems = rs.getString("action_items");
    long zulip = rs.getLong("zulip_message_id");
    boolean noZulip = rs.wasNull();
    boolean audioDeleted = rs.getBoolean("audio_deleted");
    boolean noAudioDeleted = rs.wasNull();
    return new Transcript(id, TranscriptStatus.fromWire(rs.getString("status")), rs.getBoolean("locked"),
        rs.getDouble("duration_ms"), rs.getTimestamp("created_at").toInstant(), rs.getString("title"),
        rs.getString("short_summary"), rs.getString("long_summary"),
        actionItems == null ? null : stored.readTree(actionItems),
        waveform == null ? null : stored.read(waveform, NUMBERS),
        rs.getString("source_language"), rs.getString("target_language"), rs.getString("audio_location"),
        noAudioDeleted ? null : audioDeleted, noZulip ? null : zulip, rs.getObject("workflow_run_id", UUID.class),
        rs.getString("recording_id"), rs.getString("meeting_id"), rs.getString("room_id"), participants, topics);
  }
}
