package dev.cairn.pipeline.app;

import dev.cairn.NotFoundException;
import dev.cairn.Runs;
import dev.cairn.ScheduleSpec;
import dev.cairn.ScheduleView;
import dev.cairn.Schedules;
import dev.cairn.pipeline.daily.DailyApi;
import dev.cairn.pipeline.daily.DailyRecording;
import dev.cairn.pipeline.daily.DailyTrackKey;
import dev.cairn.pipeline.transcript.MeetingStore;
import dev.cairn.pipeline.transcript.Recording;
import dev.cairn.pipeline.transcript.Room;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.pipeline.workflow.PipelineServices;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's two Celery beat jobs (§1.1), run by Cairn schedules: the Daily poller, which ingests finished
 * raw-tracks recordings the webhook did not bring, and the nightly reprocess of recordings whose transcript is
 * missing or failed. Each is a one-step workflow ({@link PollDailyRecordings}, {@link ReprocessFailedRecordings})
 * whose schedule {@link #applySchedules} keeps as the configuration says. Thread-safe.
 */
public final class DailyMaintenance {
  /** The poller's schedule and workflow. */
  public static final String POLL = "poll_daily_recordings";
  /** The nightly reprocess's schedule and workflow. */
  public static final String REPROCESS = "reprocess_failed_daily_recordings";
  /** Every 180 s. */
  static final String POLL_CRON = "*/3 * * * *";
  /** 05:00 UTC, upstream's {@code crontab(hour=5, minute=0)} ("midnight EST"). */
  static final String REPROCESS_CRON = "0 5 * * *";
  /** Recordings one poll asks Daily for, as upstream. */
  static final int POLL_LIMIT = 100;
  private static final Logger LOG = LoggerFactory.getLogger(DailyMaintenance.class);

  private final DailyApi daily;
  private final MeetingStore meetings;
  private final TranscriptStore transcripts;
  private final Supplier<Runs> runs;
  private final String dailyBucket;

  /** @param runs how runs are triggered (the embedded engine, or a client of a remote one), asked when needed */
  public DailyMaintenance(PipelineServices services, Supplier<Runs> runs, String dailyBucket) {
    this.daily = services.daily();
    this.meetings = services.meetings();
    this.transcripts = services.transcripts();
    this.runs = runs;
    this.dailyBucket = dailyBucket;
  }

  /**
   * Creates, changes or deletes the two schedules as {@code config} says: the nightly reprocess always; the poller
   * only against Daily's API ({@link Setting#DAILY_API_KEY}) without a webhook secret (with one, Daily's webhooks
   * bring the recordings; with local recordings there is nothing to poll).
   */
  public static void applySchedules(Schedules schedules, PipelineConfig config) {
    upsert(schedules, ScheduleSpec.builder(REPROCESS, REPROCESS).cron(REPROCESS_CRON)
        .overlap(ScheduleSpec.Overlap.SKIP).build());
    if (config.isSet(Setting.DAILY_API_KEY) && !config.isSet(Setting.DAILY_WEBHOOK_SECRET)) {
      // A missed poll is not worth catching up: the next one lists the same recordings.
      upsert(schedules, ScheduleSpec.builder(POLL, POLL).cron(POLL_CRON).overlap(ScheduleSpec.Overlap.SKIP)
          .missedTicks(ScheduleSpec.MissedTicks.SKIP).build());
    } else {
      try {
        schedules.delete(POLL);
        LOG.info("Daily poller schedule deleted: {}", config.isSet(Setting.DAILY_WEBHOOK_SECRET)
            ? "webhooks bring the recordings" : "no DAILY_API_KEY to poll with");
      } catch (NotFoundException none) {
        // never scheduled here
      }
    }
  }

  /**
   * Creates the schedule, or changes it when it differs (a change computes its next tick again, so an unchanged one
   * is left alone: a restart must not move a due tick away).
   */
  private static void upsert(Schedules schedules, ScheduleSpec spec) {
    ScheduleView existing;
    try {
      existing = schedules.get(spec.name());
    } catch (NotFoundException missing) {
      try {
        schedules.create(spec);
        return;
      } catch (RuntimeException raced) {
        existing = schedules.get(spec.name()); // another process created it meanwhile
      }
    }
    boolean same = existing.workflowName().equals(spec.workflowName()) && existing.cron().equals(spec.cron())
        && existing.timeZone().equals(spec.timeZone().getId()) && existing.overlap() == spec.overlap()
        && existing.missedTicks() == spec.missedTicks();
    if (!same) {
      schedules.update(spec);
    }
  }

  /**
   * Upstream's {@code poll_daily_recordings}: the latest recordings, kept when finished with a duration and tracks
   * (raw-tracks recordings; the API never says so), skipped when already stored; the others are ingested. Returns
   * the recording ids ingested.
   */
  public List<String> poll() {
    DailyIngest ingest = new DailyIngest(transcripts, meetings, runs.get(), dailyBucket);
    List<String> ingested = new ArrayList<>();
    for (DailyRecording recording : daily.recordings(POLL_LIMIT)) {
      if (!"finished".equals(recording.status()) || recording.duration() == null || recording.tracks().isEmpty()
          || meetings.recording(recording.id()).isPresent()) {
        continue;
      }
      try {
        ingest.ingest(recording.id(), recording.roomName(), recording.startTs(), recording.tracks());
        ingested.add(recording.id());
      } catch (IllegalArgumentException e) {
        // One recording the pipeline cannot take (no cam-audio track, a field out of bounds) stops no other.
        LOG.warn("poll: recording {} not ingested: {}", recording.id(), e.getMessage());
      }
    }
    return ingested;
  }

  /**
   * Upstream's {@code reprocess_failed_daily_recordings}: every recording in the Daily bucket with track keys whose
   * transcript is missing or failed starts a fresh run, marked {@code reprocess=true}. Returns the runs started.
   */
  public List<UUID> reprocessFailed() {
    DailyIngest ingest = new DailyIngest(transcripts, meetings, runs.get(), dailyBucket);
    List<UUID> started = new ArrayList<>();
    for (Recording recording : meetings.recordingsToReprocess(dailyBucket)) {
      List<String> camAudio = DailyTrackKey.camAudioKeys(recording.trackKeys());
      if (camAudio.isEmpty()) {
        continue;
      }
      String roomId = meetings.roomByName(DailyIngest.baseRoomName(recording.roomName())).map(Room::id)
          .orElse(null);
      String transcriptId = transcripts.transcriptForRecording(recording.id(), recording.meetingId(), roomId);
      started.add(ingest.start(transcriptId, recording, camAudio, roomId, true, true));
    }
    return started;
  }
}
