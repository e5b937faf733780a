package dev.cairn.pipeline.transcript;

/** The user-visible transcript events (upstream §7.2), persisted in order and streamed live. */
public enum EventType {
  STATUS, DURATION, WAVEFORM, TOPIC, FINAL_TITLE, FINAL_SHORT_SUMMARY, FINAL_LONG_SUMMARY, ACTION_ITEMS, TRANSCRIPT
}
