package dev.cairn.pipeline.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Rooms, meetings, consent and recordings: what the pipeline reads around a transcript. */
public final class MeetingStore {
  private final Jdbi jdbi;
  private final ObjectMapper json;

  public MeetingStore(DataSource dataSource, String schema, ObjectMapper json) {
    this.jdbi = Jdbi.create(dataSource).define("schema", TranscriptDatabase.requireSchemaName(schema));
    this.json = json;
  }

  /** Creates or updates a room (by id). */
  public void saveRoom(Room room) {
    jdbi.useHandle(h -> h.createUpdate("""
        INSERT INTO <schema>.room (id, name, zulip_auto_post, zulip_stream, zulip_topic, webhook_url, webhook_secret)
        VALUES (:id, :name, :zap, :zs, :zt, :url, :secret)
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, zulip_auto_post = EXCLUDED.zulip_auto_post,
          zulip_stream = EXCLUDED.zulip_stream, zulip_topic = EXCLUDED.zulip_topic,
          webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret""")
        .bind("id", room.id()).bind("name", room.name()).bind("zap", room.zulipAutoPost())
        .bind("zs", room.zulipStream()).bind("zt", room.zulipTopic()).bind("url", room.webhookUrl())
        .bind("secret", room.webhookSecret()).execute());
  }

  public Optional<Room> room(String roomId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM <schema>.room WHERE id = :id").bind("id", roomId)
        .map((rs, ctx) -> new Room(rs.getString("id"), rs.getString("name"), rs.getBoolean("zulip_auto_post"),
            rs.getString("zulip_stream"), rs.getString("zulip_topic"), rs.getString("webhook_url"),
            rs.getString("webhook_secret")))
        .findOne());
  }

  public Optional<Room> roomByName(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM <schema>.room WHERE name = :n").bind("n", name)
        .mapTo(String.class).findOne()).flatMap(this::room);
  }

  public void saveMeeting(String meetingId, String roomId, String roomName, Instant start) {
    jdbi.useHandle(h -> h.createUpdate("""
        INSERT INTO <schema>.meeting (id, room_id, room_name, start_date) VALUES (:id, :room, :name, :start)
        ON CONFLICT (id) DO NOTHING""")
        .bind("id", meetingId).bind("room", roomId).bind("name", roomName).bind("start", Timestamp.from(start))
        .execute());
  }

  /** The meeting held in a Daily room closest to {@code at} within {@code window} (Daily's ids don't link them). */
  public Optional<String> meetingNear(String roomName, Instant at, Duration window) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT id FROM <schema>.meeting
        WHERE room_name = :name AND start_date BETWEEN :from AND :to
        ORDER BY abs(extract(epoch FROM start_date - :at)) LIMIT 1""")
        .bind("name", roomName).bind("from", Timestamp.from(at.minus(window)))
        .bind("to", Timestamp.from(at.plus(window))).bind("at", Timestamp.from(at))
        .mapTo(String.class).findOne());
  }

  public void recordConsent(String meetingId, String userId, boolean given) {
    jdbi.useHandle(h -> h.createUpdate("""
        INSERT INTO <schema>.meeting_consent (meeting_id, user_id, consent_given) VALUES (:m, :u, :g)""")
        .bind("m", meetingId).bind("u", userId).bind("g", given).execute());
  }

  /** True when anyone refused consent for the meeting (one refusal is enough, upstream §8.1). */
  public boolean consentDenied(String meetingId) {
    if (meetingId == null) {
      return false;
    }
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT EXISTS (SELECT 1 FROM <schema>.meeting_consent WHERE meeting_id = :m AND NOT consent_given)""")
        .bind("m", meetingId).mapTo(Boolean.class).one());
  }

  /** Inserts the recording, or keeps the stored one (a webhook redelivery changes nothing). */
  public Recording saveRecording(Recording recording) {
    jdbi.useHandle(h -> h.createUpdate("""
        INSERT INTO <schema>.recording (id, bucket_name, object_key, recorded_at, meeting_id, room_name, track_keys)
        VALUES (:id, :bucket, :key, :at, :meeting, :room, CAST(:tracks AS jsonb))
        ON CONFLICT (id) DO NOTHING""")
        .bind("id", recording.id()).bind("bucket", recording.bucketName()).bind("key", recording.objectKey())
        .bind("at", Timestamp.from(recording.recordedAt())).bind("meeting", recording.meetingId())
        .bind("room", recording.roomName()).bind("tracks", writeKeys(recording.trackKeys())).execute());
    return recording(recording.id()).orElseThrow();
  }

  public Optional<Recording> recording(String recordingId) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT id, bucket_name, object_key, recorded_at, meeting_id, room_name, track_keys::text AS track_keys
        FROM <schema>.recording WHERE id = :id""")
        .bind("id", recordingId)
        .map((rs, ctx) -> recording(rs))
        .findOne());
  }

  /**
   * The nightly reprocess's pick (upstream §1.1, {@code reprocess_failed_daily_recordings}): recordings in
   * {@code bucket} with track keys whose transcript is missing or in status {@code error}, oldest first.
   */
  public List<Recording> recordingsToReprocess(String bucket) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT r.id, r.bucket_name, r.object_key, r.recorded_at, r.meeting_id, r.room_name,
               r.track_keys::text AS track_keys
        FROM <schema>.recording r
        WHERE r.bucket_name = :bucket AND jsonb_typeof(r.track_keys) = 'array' AND jsonb_array_length(r.track_keys) > 0
          AND NOT EXISTS (SELECT 1 FROM <schema>.transcript t WHERE t.recording_id = r.id AND t.status <> 'error')
        ORDER BY r.recorded_at, r.id""")
        .bind("bucket", bucket)
        .map((rs, ctx) -> recording(rs))
        .list());
  }

  private Recording recording(ResultSet rs) throws SQLException {
    return new Recording(rs.getString("id"), rs.getString("bucket_name"), rs.getString("object_key"),
        rs.getTimestamp("recorded_at").toInstant(), rs.getString("meeting_id"), rs.getString("room_name"),
        readKeys(rs.getString("track_keys")));
  }

  private String writeKeys(List<String> keys) {
    try {
      return keys == null ? null : json.writeValueAsString(keys);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("track keys", e);
    }
  }

  private List<String> readKeys(String text) {
    try {
      return text == null ? null : json.readValue(text, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored track keys do not parse", e);
    }
  }
}
