package dev.cairn;

/** What {@link Cairn#cancel} did. */
public enum CancelResult {
  /** The run was unfinished and is now CANCELLED, with its unfinished steps and child runs. */
  CANCELLED,
  /** The run had already finished; nothing changed. */
  ALREADY_FINISHED
}
