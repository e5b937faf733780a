package dev.cairn.internal.completion;

/**
 * PostgreSQL notification channels of one engine schema: several engines (or test schemas) can share a
 * database without waking each other.
 */
public record Channels(String schema) {
  /** Steps became queued: dispatchers should look. Empty payload. */
  public String wake() {
    return schema + "_wake";
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
