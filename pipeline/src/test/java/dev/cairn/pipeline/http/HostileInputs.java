package dev.cairn.pipeline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.pipeline.http.BadValues.Bad;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The table of the adversarial test: every field, parameter and header of every pipeline HTTP endpoint, how a
 * value is put into it, and the hostile values it must refuse. A new field or endpoint is one more row here.
 */
final class HostileInputs {
  /** The endpoints, each with a valid request that the rows spoil one value at a time. */
  enum Endpoint {
    DAILY_WEBHOOK, TRANSCRIPT, TRANSCRIPT_EVENTS
  }

  /**
   * One field of one endpoint.
   *
   * @param field the name the error must give (for JSON, its path)
   * @param inject puts a value into a valid request
   */
  record Row(Endpoint endpoint, String field, BiConsumer<Draft, Object> inject, List<Bad> values) {}

  private HostileInputs() {}

  static List<Row> rows(Fixture fixture) {
    return Stream.of(webhookEnvelope(), webhookPayload(), webhookTracks(), webhookTransport(),
        transcriptRows(Endpoint.TRANSCRIPT, fixture), transcriptRows(Endpoint.TRANSCRIPT_EVENTS, fixture),
        List.of(new Row(Endpoint.TRANSCRIPT_EVENTS, "Last-Event-ID", header("Last-Event-ID"),
            BadValues.badSequenceNumbers())))
        .flatMap(List::stream).toList();
  }

  private static List<Row> webhookEnvelope() {
    return List.of(
        json("type", BadValues.badText(400), BadValues.notText(400)),
        json("version", BadValues.badText(400), BadValues.notText(400)),
        json("id", BadValues.badText(400), BadValues.notText(400)),
        json("event_ts", BadValues.outOfRangeTimestamps(400), BadValues.overflowingNumbers(400),
            BadValues.notNumbers(400)),
        json("payload", BadValues.notContainers(400), List.of(new Bad("array", array(text("p")), 400))));
  }

  private static List<Row> webhookPayload() {
    return List.of(
        json("payload.recording_id", BadValues.badText(400), BadValues.notText(400)),
        json("payload.room_name", BadValues.badText(400), BadValues.notText(400), List.of(
            new Bad("space", text("room name"), 400), new Bad("slash", text("../room"), 400),
            new Bad("umlaut", text("r\u00fcm"), 400), new Bad("129 characters", text("r".repeat(129)), 400))),
        json("payload.start_ts", BadValues.outOfRangeTimestamps(400), BadValues.overflowingNumbers(400),
            BadValues.notNumbers(400)),
        json("payload.type", BadValues.badText(400), BadValues.notText(400)),
        json("payload.status", BadValues.badText(400), BadValues.notText(400)),
        json("payload.share_token", BadValues.badText(400), BadValues.notText(400)),
        json("payload.s3_key", BadValues.badText(400), BadValues.notText(400)),
        json("payload.max_participants", BadValues.overflowingNumbers(400), BadValues.notNumbers(400)),
        json("payload.duration", BadValues.overflowingNumbers(400), BadValues.notNumbers(400)),
        json("payload.tracks", BadValues.notContainers(400), List.of(
            new Bad("an entry that is no object", array(text("key")), 400),
            new Bad("1001 entries", tracks(1001), 400))));
  }

  private static List<Row> webhookTracks() {
    return List.of(
        json("payload.tracks[0].type", BadValues.badText(400), BadValues.notText(400)),
        json("payload.tracks[0].s3Key", BadValues.badText(400), BadValues.notText(400), List.of(
            new Bad("folder time 99999999999999", text("acme/room-99999999999999/1-cam-video-2"), 400),
            new Bad("folder time 30 February", text("acme/room-20260230120000/1-cam-video-2"), 400),
            new Bad("folder time 1970", text("acme/room-19700101000000/1-cam-video-2"), 400),
            new Bad("1025 characters", text("k".repeat(1025)), 400))),
        json("payload.tracks[0].size", BadValues.overflowingNumbers(400), BadValues.notNumbers(400)));
  }

  private static List<Row> webhookTransport() {
    return List.of(
        new Row(Endpoint.DAILY_WEBHOOK, "body", (draft, value) -> draft.rawBody((byte[]) value),
            BadValues.malformedJson()),
        new Row(Endpoint.DAILY_WEBHOOK, "Content-Type", header("Content-Type"), BadValues.wrongContentTypes()),
        new Row(Endpoint.DAILY_WEBHOOK, "X-Webhook-Timestamp", (draft, value) -> draft.timestamp(value),
            concat(BadValues.badHeaderValues(401), List.of(new Bad("2001", "1000000000", 401),
                new Bad("6 minutes ago", Draft.now(-360), 401), new Bad("6 minutes ahead", Draft.now(360), 401)))),
        new Row(Endpoint.DAILY_WEBHOOK, "X-Webhook-Signature", header("X-Webhook-Signature"),
            concat(BadValues.badHeaderValues(401), List.of(new Bad("someone else's", "c2lnbmF0dXJl", 401)))),
        new Row(Endpoint.DAILY_WEBHOOK, "method", (draft, value) -> draft.method((String) value), methods("GET")),
        new Row(Endpoint.DAILY_WEBHOOK, "path", (draft, value) -> draft.path((String) value), List.of(
            new Bad("below the endpoint", "/v1/daily/webhook/more", 404))));
  }

  private static List<Row> transcriptRows(Endpoint endpoint, Fixture fixture) {
    return List.of(
        new Row(endpoint, "Authorization", header("Authorization"), concat(
            BadValues.badHeaderValues(401), fixture.badTokens())),
        new Row(endpoint, "id", (draft, value) -> draft.transcriptId((String) value), BadValues.malformedIds()),
        new Row(endpoint, "method", (draft, value) -> draft.method((String) value), methods("POST")));
  }

  /** A field of the webhook's JSON body, at a dotted path with array indexes. */
  @SafeVarargs
  private static Row json(String path, List<Bad>... values) {
    return new Row(Endpoint.DAILY_WEBHOOK, path, (draft, value) -> draft.setJson(path, (JsonNode) value),
        concat(values));
  }

  private static BiConsumer<Draft, Object> header(String name) {
    return (draft, value) -> draft.header(name, value);
  }

  private static List<Bad> methods(String other) {
    return List.of(new Bad(other, other, 405), new Bad("PUT", "PUT", 405), new Bad("DELETE", "DELETE", 405));
  }

  private static JsonNode text(String value) {
    return Draft.JSON.getNodeFactory().textNode(value);
  }

  private static ArrayNode array(JsonNode... items) {
    ArrayNode array = Draft.JSON.createArrayNode();
    for (JsonNode item : items) {
      array.add(item);
    }
    return array;
  }

  private static ArrayNode tracks(int count) {
    ObjectNode track = Draft.JSON.createObjectNode().put("type", "video").put("s3Key", "acme/room/1-cam-video-2");
    return array(Collections.nCopies(count, track).toArray(JsonNode[]::new));
  }

  @SafeVarargs
  private static List<Bad> concat(List<Bad>... lists) {
    List<Bad> all = new ArrayList<>();
    for (List<Bad> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
