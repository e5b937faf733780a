package dev.cairn.pipeline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.pipeline.daily.DailyWebhookSignature;
import dev.cairn.pipeline.http.HostileInputs.Endpoint;
import dev.cairn.pipeline.testing.RawHttp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request being spoiled: a valid request of one endpoint into which a row of {@link HostileInputs} puts one value.
 * The webhook's signature is computed when it is sent, over the body and timestamp as spoiled, so a refusal is
 * always about the value and never about a stale signature (unless the signature is the value).
 */
final class Draft {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STEP = Pattern.compile("([^.\\[]+)(?:\\[(\\d+)])?");

  private final Endpoint endpoint;
  private final Fixture fixture;
  private final List<String[]> headers = new ArrayList<>();
  private String method;
  private String path;
  private ObjectNode json;
  private byte[] rawBody;
  private Object timestamp;
  private boolean signatureGiven;

  private Draft(Endpoint endpoint, Fixture fixture) {
    this.endpoint = endpoint;
    this.fixture = fixture;
  }

  /** The endpoint's valid request: it is accepted as it is (see the test of the baselines). */
  static Draft valid(Endpoint endpoint, Fixture fixture) {
    Draft draft = new Draft(endpoint, fixture);
    if (endpoint == Endpoint.DAILY_WEBHOOK) {
      draft.method = "POST";
      draft.path = "/v1/daily/webhook";
      draft.json = fixture.webhookBody();
      draft.headers.add(new String[] {"Content-Type", "application/json"});
    } else {
      draft.method = "GET";
      draft.transcriptId(fixture.transcriptId());
      draft.headers.add(new String[] {"Authorization", "Bearer " + fixture.clientToken()});
    }
    return draft;
  }

  /** Epoch seconds {@code offset} seconds from now, as a header value. */
  static String now(long offset) {
    return Long.toString(Instant.now().getEpochSecond() + offset);
  }

  void method(String method) {
    this.method = method;
  }

  void path(String path) {
    this.path = path;
  }

  void transcriptId(String id) {
    path = "/v1/transcripts/" + id + (endpoint == Endpoint.TRANSCRIPT_EVENTS ? "/events" : "");
  }

  void rawBody(byte[] body) {
    this.rawBody = body;
  }

  void timestamp(Object value) {
    this.timestamp = value;
  }

  /** Replaces the header: {@link BadValues#ABSENT} leaves it out, a list gives it once per element. */
  void header(String name, Object value) {
    headers.removeIf(header -> header[0].equalsIgnoreCase(name));
    signatureGiven |= name.equals("X-Webhook-Signature");
    if (value instanceof List<?> values) {
      values.forEach(each -> headers.add(new String[] {name, (String) each}));
    } else if (value != BadValues.ABSENT) {
      headers.add(new String[] {name, (String) value});
    }
  }

  /** Sets the value at a path like {@code payload.tracks[0].s3Key}. */
  void setJson(String dotted, JsonNode value) {
    String[] steps = dotted.split("\\.");
    JsonNode node = json;
    for (int i = 0; i < steps.length; i++) {
      Matcher step = STEP.matcher(steps[i]);
      if (!step.matches()) {
        throw new IllegalArgumentException("bad path " + dotted);
      }
      boolean last = i == steps.length - 1;
      if (step.group(2) == null && last) {
        ((ObjectNode) node).set(step.group(1), value);
      } else if (step.group(2) == null) {
        node = node.get(step.group(1));
      } else if (last) {
        ((ArrayNode) node.get(step.group(1))).set(Integer.parseInt(step.group(2)), value);
      } else {
        node = node.get(step.group(1)).get(Integer.parseInt(step.group(2)));
      }
    }
  }

  RawHttp send() throws IOException {
    byte[] body = rawBody != null ? rawBody : json == null ? null : JSON.writeValueAsBytes(json);
    List<String[]> all = new ArrayList<>(headers);
    if (endpoint == Endpoint.DAILY_WEBHOOK) {
      Object stamp = timestamp == null ? now(0) : timestamp;
      if (stamp != BadValues.ABSENT) {
        all.add(new String[] {"X-Webhook-Timestamp", (String) stamp});
      }
      if (!signatureGiven) {
        String signed = stamp == BadValues.ABSENT ? "" : (String) stamp;
        all.add(new String[] {"X-Webhook-Signature", DailyWebhookSignature.sign(fixture.dailySecret(), signed,
            body == null ? new byte[0] : body)});
      }
    }
    return RawHttp.send(fixture.base(), method, path, all, body);
  }

  @Override
  public String toString() {
    return method + " " + (path.length() > 80 ? path.substring(0, 80) + "..." : path);
  }
}
