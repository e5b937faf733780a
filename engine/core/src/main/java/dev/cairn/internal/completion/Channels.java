package dev.cairn.internal.completion;

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

  /** Runs finished: payload is their ids, comma-separated. */
  public String runs() {
    return schema + "_runs";
  }

  /** Events were appended to some run logs: subscriptions should look. Empty payload. */
  public String events() {
    return schema + "_events";
  }

  /** Steps were cancelled: nodes interrupt their attempts of them. Payload: step ids, comma-separated. */
  public String cancels() {
    return schema + "_cancels";
  }
}
