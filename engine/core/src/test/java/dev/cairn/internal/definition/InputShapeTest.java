package dev.cairn.internal.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input shape a worker sends for its workflows names fields as they are in JSON, renames included. */
class InputShapeTest {
  record Track(@JsonProperty("s3_key") String s3Key) {}

  record Input(@JsonProperty("recording_id") String recordingId, List<Track> tracks, int count) {}

  @Test
  void renamedComponentsAreCheckedUnderTheirJsonNames() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode shape = InputShape.of(mapper.constructType(Input.class), mapper.getTypeFactory(), mapper);
    assertEquals("string", shape.path("fields").path("recording_id").path("kind").asText());
    assertEquals("string", shape.path("fields").path("tracks").path("items").path("fields").path("s3_key")
        .path("kind").asText());
    assertNull(InputShape.misfit(mapper.readTree("{\"recording_id\":\"r\",\"tracks\":[{\"s3_key\":\"k\"}],\"count\":1}"),
        shape));
    assertEquals("input.tracks[0].s3_key: expected a string, got NUMBER", InputShape.misfit(
        mapper.readTree("{\"recording_id\":\"r\",\"tracks\":[{\"s3_key\":7}],\"count\":1}"), shape));
  }
}
