package dev.cairn.pipeline.transcript;

import java.time.Instant;
import java.util.List;

/** A Daily recording as stored: its raw-tracks bucket, folder, time, meeting and every audio key Daily sent. */
public record Recording(String id, String bucketName, String objectKey, Instant recordedAt, String meetingId,
    String roomName, List<String> trackKeys) {}
