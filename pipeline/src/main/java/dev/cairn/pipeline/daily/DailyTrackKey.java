package dev.cairn.pipeline.daily;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Daily raw-track key says about its track (upstream §3.2): the basename contains
 * {@code {recording_start_ms}-{participant_uuid}-cam-audio-{track_start_ms}}.
 *
 * @param recordingStartMs epoch milliseconds at which the recording started
 * @param participantId Daily's participant id (a UUID), as written in the key
 * @param trackStartMs epoch milliseconds at which this participant's track started
 */
public record DailyTrackKey(long recordingStartMs, String participantId, long trackStartMs) {
  private static final Pattern CAM_AUDIO =
      Pattern.compile("(\\d{13,})-([0-9a-fA-F-]{36})-cam-audio-(\\d{13,})");
  private static final Pattern FOLDER_TIME = Pattern.compile("^.*-(\\d{14})$");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  /**
   * Parses the key's basename. Empty when it does not follow the grammar (upstream logs and skips such keys but
   * still consumes their speaker index), or when a number is too long for epoch milliseconds.
   */
  public static Optional<DailyTrackKey> parse(String s3Key) {
    Objects.requireNonNull(s3Key, "s3Key");
    String basename = s3Key.substring(s3Key.lastIndexOf('/') + 1);
    Matcher matcher = CAM_AUDIO.matcher(basename);
    if (!matcher.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DailyTrackKey(Long.parseLong(matcher.group(1)), matcher.group(2),
          Long.parseLong(matcher.group(3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether the key is a camera-audio track; screen audio and video are not speakers. */
  public static boolean isCamAudio(String s3Key) {
    Objects.requireNonNull(s3Key, "s3Key");
    return s3Key.contains("cam-audio");
  }

  /** The cam-audio keys in their original order: that order is the speaker index. */
  public static List<String> camAudioKeys(List<String> s3Keys) {
    Objects.requireNonNull(s3Keys, "s3Keys");
    return s3Keys.stream().filter(DailyTrackKey::isCamAudio).toList();
  }

  /**
   * The time Daily wrote into the name of the folder holding the key ({@code room-YYYYMMDDHHMMSS/...}, UTC); empty
   * when the folder name carries none.
   *
   * @throws IllegalArgumentException if the folder name ends in 14 digits that are no real time (month 99...)
   */
  public static Optional<Instant> folderTime(String s3Key) {
    Objects.requireNonNull(s3Key, "s3Key");
    String[] parts = s3Key.split("/");
    if (parts.length < 2) {
      return Optional.empty();
    }
    Matcher matcher = FOLDER_TIME.matcher(parts[parts.length - 2]);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(matcher.group(1), STAMP).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("folder time " + matcher.group(1) + " is not a real time");
    }
  }
}
