package dev.cairn.internal.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * PostgreSQL notification channels of one engine schema: several engines (or test schemas) can share a
 * database without waking each other. {@code sender} is this node's id, the payload of its wake-ups.
 */
public record Channels(String schema, String sender) {
  /**
   * Steps became queued or keys freed: dispatchers should look. Payload: the sending node's id. A node ignores its
   * own wake-ups: it woke its dispatcher in-process already (or leased the steps itself on the fast path).
   */
  public String wake() {
    return schema + "_wake";
  }

  /** Whether a wake-up's payload says another node sent it. */
  public boolean fromElsewhere(String wakePayload) {
    return !sender.equals(wakePayload);
  }

  /**
   * Runs finished: payload is their ids, comma-separated, then {@code ;} and the sending node's id (see
   * {@link #finishedPayload}, {@link #finishedElsewhere}).
   */
  public String runs() {
    return schema + "_runs";
  }

  /** A notification's payload on {@link #runs()} from this node: the ids, then this node's. */
  public String finishedPayload(List<UUID> runIds) {
    return runIds.stream().map(UUID::toString).collect(Collectors.joining(",")) + ";" + sender;
  }

  /**
   * The runs of a notification on {@link #runs()} if another node sent it; none if this node did (it woke its own
   * waiters in process). A payload without a sender counts as another node's.
   */
  public List<UUID> finishedElsewhere(String runsPayload) {
    int end = runsPayload.indexOf(';'); // ids never hold one
    if (end >= 0 && !fromElsewhere(runsPayload.substring(end + 1))) {
      return List.of();
    }
    List<UUID> ids = new ArrayList<>();
    for (String id : (end < 0 ? runsPayload : runsPayload.substring(0, end)).split(",")) {
      if (!id.isEmpty()) {
        ids.add(UUID.fromString(id));
      }
    }
    return ids;
  }

  /**
   * Events were appended to some run logs: subscriptions should look. Payload: the sending node's id (a node ignores
   * its own: it woke its subscriptions in process).
   */
  public String events() {
    return schema + "_events";
  }

  /** Steps were cancelled: nodes interrupt their attempts of them. Payload: step ids, comma-separated. */
  public String cancels() {
    return schema + "_cancels";
  }
}
