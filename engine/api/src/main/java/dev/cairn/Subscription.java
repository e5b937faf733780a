package dev.cairn;

/** A live subscription to run events; {@link #close()} stops the deliveries. Thread-safe. */
public interface Subscription extends AutoCloseable {
  /**
   * The sequence number of the last event delivered for the run (for a single-run subscription), 0 if none. After
   * {@link #close()} returns it no longer moves: subscribe again from it to resume without gap or repeat.
   */
  long lastSeq();

  /**
   * Stops the deliveries. An event being handed to the consumer when this is called is let finish first, so no
   * event reaches the consumer after close returns (a consumer may close its own subscription from its callback).
   */
  @Override
  void close();
}
