package dev.cairn.pipeline.transcript;

import java.util.Locale;

/** A transcript's status as Reflector names it. */
public enum TranscriptStatus {
  IDLE, UPLOADED, RECORDING, PROCESSING, ERROR, ENDED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TranscriptStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
