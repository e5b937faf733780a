package dev.cairn;

/** A live subscription to run events; {@link #close()} stops the deliveries. Thread-safe. */
public interface Subscription extends AutoCloseable {
  /** The sequence number of the last event delivered for the run (for a single-run subscription), 0 if none. */
  long lastSeq();

  @Override
  void close();
}
