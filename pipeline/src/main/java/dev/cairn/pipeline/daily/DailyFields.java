package dev.cairn.pipeline.daily;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bounds every value from Daily must keep before the pipeline stores or acts on it: identifiers are short and
 * free of control characters (PostgreSQL cannot store U+0000, and logs should not carry raw control bytes), room
 * names use Daily's alphabet, times lie in this century, track lists are small. Checked once at the boundary so a
 * refused recording writes nothing. Stateless.
 */
public final class DailyFields {
  /** Longest recording id accepted (Daily's are UUIDs; the run's idempotency key adds 37 characters to it). */
  public static final int MAX_ID = 128;
  /** Longest room name; Daily allows {@code A-Z a-z 0-9 - _} only. */
  public static final int MAX_ROOM_NAME = 128;
  /** Longest S3 key (S3's own limit is 1024 bytes). */
  public static final int MAX_KEY = 1024;
  /** Longest short text field (type, status, version). */
  public static final int MAX_WORD = 64;
  /** Most tracks in one recording (four per participant: camera and screen, audio and video). */
  public static final int MAX_TRACKS = 1000;
  /** Earliest time accepted in a timestamp: 2000-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  /** Latest time accepted in a timestamp: 2100-01-01T00:00:00Z (a millisecond value sent as seconds lands later). */
  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  /** Characters of a refused value quoted back in a message. */
  static final int QUOTED = 40;
  private static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private DailyFields() {}

  /**
   * Checks what an ingest needs of a recording: its id, its Daily room, its start (0: unknown) and its tracks.
   *
   * @param prefix prepended to every field name, e.g. {@code "payload."}
   * @throws InvalidFieldException naming the first field that is out of bounds
   */
  public static void recording(String prefix, String recordingId, String roomName, long startTs,
      List<DailyRecording.DailyTrack> tracks) {
    id(prefix + "recording_id", recordingId, MAX_ID);
    if (roomName != null) {
      roomName(prefix + "room_name", roomName);
    }
    if (startTs != 0) {
      epochSeconds(prefix + "start_ts", startTs);
    }
    if (tracks.size() > MAX_TRACKS) {
      throw new InvalidFieldException(prefix + "tracks", "has " + tracks.size() + " entries; at most " + MAX_TRACKS
          + " are allowed");
    }
    for (int i = 0; i < tracks.size(); i++) {
      track(prefix + "tracks[" + i + "]", tracks.get(i));
    }
  }

  /** An identifier: 1..{@code max} characters, no control characters, no unpaired surrogates. */
  public static String id(String field, String value, int max) {
    if (value == null) {
      throw new InvalidFieldException(field, "is missing");
    }
    if (value.isEmpty()) {
      throw new InvalidFieldException(field, "is empty");
    }
    if (value.length() > max) {
      throw new InvalidFieldException(field, "is " + value.length() + " characters long; at most " + max
          + " are allowed");
    }
    int bad = firstControl(value);
    if (bad >= 0) {
      throw new InvalidFieldException(field, "contains " + describe(value.charAt(bad)) + " at index " + bad + ": "
          + quote(value));
    }
    return value;
  }

  /** A Daily room name: 1..{@value #MAX_ROOM_NAME} of {@code A-Z a-z 0-9 - _}. */
  public static String roomName(String field, String value) {
    id(field, value, MAX_ROOM_NAME);
    if (!ROOM_NAME.matcher(value).matches()) {
      throw new InvalidFieldException(field, "may hold only A-Z, a-z, 0-9, '-' and '_': " + quote(value));
    }
    return value;
  }

  /** Epoch seconds between {@link #EARLIEST} and {@link #LATEST}. */
  public static long epochSeconds(String field, long value) {
    if (value < EARLIEST.getEpochSecond() || value > LATEST.getEpochSecond()) {
      throw new InvalidFieldException(field, "is " + value + "; it must be epoch seconds between "
          + EARLIEST.getEpochSecond() + " (" + EARLIEST + ") and " + LATEST.getEpochSecond() + " (" + LATEST + ")");
    }
    return value;
  }

  /** An instant between {@link #EARLIEST} and {@link #LATEST}. */
  public static Instant instant(String field, Instant value) {
    if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
      throw new InvalidFieldException(field, "names the time " + value + "; it must lie between " + EARLIEST
          + " and " + LATEST);
    }
    return value;
  }

  /** {@code text} with control characters escaped, cut after about {@code max} characters. */
  static String escape(String text, int max) {
    StringBuilder escaped = new StringBuilder();
    int i = 0;
    for (; i < text.length() && escaped.length() < max; i++) {
      char c = text.charAt(i);
      escaped.append(isControl(c) || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : c);
    }
    return i < text.length() ? escaped + "..." : escaped.toString();
  }

  /**
   * A value as it may appear in a message: quoted, control characters escaped, at most {@value #QUOTED} characters
   * of it followed by its full length.
   */
  public static String quote(String value) {
    StringBuilder quoted = new StringBuilder("'");
    int shown = Math.min(value.length(), QUOTED);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (isControl(c) || Character.isSurrogate(c) || c == '\'' || c == '\\') {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    quoted.append('\'');
    if (value.length() > shown) {
      quoted.append("... (").append(value.length()).append(" characters)");
    }
    return quoted.toString();
  }

  private static void track(String field, DailyRecording.DailyTrack track) {
    if (track.type() != null) {
      id(field + ".type", track.type(), MAX_WORD);
    }
    id(field + ".s3Key", track.s3Key(), MAX_KEY);
    if (track.size() < 0) {
      throw new InvalidFieldException(field + ".size", "is " + track.size() + "; it must not be negative");
    }
    // The ingest reads the recording's time from the folder of its first cam-audio key: refuse an impossible one now.
    Optional<Instant> folderTime;
    try {
      folderTime = DailyTrackKey.folderTime(track.s3Key());
    } catch (IllegalArgumentException impossible) {
      throw new InvalidFieldException(field + ".s3Key", "names a folder whose " + impossible.getMessage());
    }
    folderTime.ifPresent(time -> instant(field + ".s3Key", time));
  }

  private static int firstControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isControl(c)) {
        return i;
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0;
  }

  private static String describe(char c) {
    return Character.isSurrogate(c) ? String.format("an unpaired surrogate U+%04X", (int) c)
        : String.format("the control character U+%04X", (int) c);
  }
}
