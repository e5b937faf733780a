package dev.cairn.pipeline.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.pipeline.http.BadValues.Bad;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.SampleRecording;
import java.net.URI;
import java.util.List;

/**
 * What the adversarial test's requests need from the pipeline under test: where it listens, its webhook secret, a
 * transcript that exists, and tokens of every kind.
 *
 * @param revokedToken a CLIENT token that was revoked
 */
record Fixture(URI base, String dailySecret, String transcriptId, String clientToken, String workerToken,
    String revokedToken) {

  static Fixture of(PipelineHarness pipeline, String transcriptId) {
    NewToken revoked = pipeline.cairn().tokens().create("revoked", Role.CLIENT, null);
    pipeline.cairn().tokens().revoke(revoked.info().id());
    return new Fixture(pipeline.httpBase(), pipeline.dailySecret(), transcriptId, pipeline.clientToken(),
        pipeline.cairn().tokens().create("worker", Role.WORKER, null).secret(), revoked.secret());
  }

  /**
   * A valid Daily webhook body whose one track is a video: every field is checked, then the recording is
   * acknowledged as one without speakers, so even the valid body writes nothing.
   */
  ObjectNode webhookBody() {
    ObjectNode body = new SampleRecording("hostile-" + System.nanoTime(), "hostile", "hostile-room").webhookJson();
    ArrayNode tracks = (ArrayNode) body.path("payload").path("tracks");
    tracks.removeAll();
    tracks.addObject().put("type", "video")
        .put("s3Key", "hostile/hostile-room-20261103140512/1793714731614-61ec1308-9754-4cb6-9523-9ceec720715a"
            + "-cam-video-1793714731910")
        .put("size", 6184213);
    return body;
  }

  /** Authorization values that name no CLIENT or ADMIN token. */
  List<Bad> badTokens() {
    return List.of(
        new Bad("scheme alone", "Bearer", 401),
        new Bad("scheme and spaces", "Bearer   ", 401),
        new Bad("not token68", "Bearer !!!", 401),
        new Bad("Basic", "Basic dXNlcjpwYXNz", 401),
        new Bad("no scheme", clientToken, 401),
        new Bad("unknown token", "Bearer cairn_unknown_" + "u".repeat(43), 401),
        new Bad("token with NUL", "Bearer " + clientToken.substring(0, 8) + "\u0000" + clientToken.substring(8), 401),
        new Bad("10 KiB token", "Bearer " + "t".repeat(10 * BadValues.KIB), 401),
        new Bad("revoked", "Bearer " + revokedToken, 401),
        new Bad("twice", List.of("Bearer " + clientToken, "Bearer " + clientToken), 401),
        new Bad("WORKER token", "Bearer " + workerToken, 403));
  }
}
