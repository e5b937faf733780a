package dev.cairn.pipeline.app;

import dev.cairn.Cairn;
import dev.cairn.pipeline.http.TranscriptEndpoint;

/**
 * The dashboard's links from a run's {@code transcript_id} to the pipeline's transcript endpoints: the transcript's
 * JSON and its live event stream, on this host's HTTP port. The dashboard's page fetches them with its own token,
 * which the endpoints accept (the engine's CLIENT and ADMIN tokens). Stateless.
 */
public final class TranscriptLinks {
  public static final String TRANSCRIPT = "transcript";
  public static final String LIVE_EVENTS = "live events";

  private TranscriptLinks() {}

  /** Adds both links to {@code engine}, to the endpoints served on {@code httpPort} of localhost. */
  public static Cairn.Builder register(Cairn.Builder engine, int httpPort) {
    String transcript = "http://localhost:" + httpPort + TranscriptEndpoint.PATH + "{value}";
    return engine.dashboardLink(DailyIngest.TRANSCRIPT_ID, TRANSCRIPT, transcript)
        .dashboardLink(DailyIngest.TRANSCRIPT_ID, LIVE_EVENTS, transcript + "/events");
  }
}
