package dev.cairn.pipeline.model;

/**
 * One transcribed word. {@code text} keeps the ASR's own whitespace (Whisper puts a space in front), because
 * transcript text is built by plain concatenation. Times are seconds from the recording's start; {@code speaker}
 * is the index of the track the word came from.
 */
public record Word(String text, double start, double end, int speaker) {
  public Word withSpeaker(int newSpeaker) {
    return new Word(text, start, end, newSpeaker);
  }
}
