package dev.cairn.pipeline.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WaveformTest {
  /** The reference method on all samples at once, to compare the bounded-memory folding with. */
  static List<Double> reference(float[] peaks, int segments) {
    int n = peaks.length;
    int w = n / segments;
    double[] p = new double[segments];
    for (int k = 0; k < segments; k++) {
      int from = k * w;
      int to = k == segments - 1 ? n : (k + 1) * w;
      for (int i = from; i < to; i++) {
        p[k] = Math.max(p[k], peaks[i]);
      }
    }
    double max = 0;
    for (double v : p) {
      max = Math.max(max, v);
    }
    List<Double> out = new ArrayList<>();
    for (double v : p) {
      out.add(max == 0 ? 0.0 : Math.round(v / max * 100) / 100.0);
    }
    return out;
  }

  @Test
  void matchesTheReferenceExactlyWhileBlocksAreSingleSamples() {
    Random rnd = new Random(42);
    float[] samples = new float[200_003];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = rnd.nextFloat() * (float) Math.abs(Math.sin(i / 20_000.0));
    }
    Waveform.PeakBlocks blocks = new Waveform.PeakBlocks();
    for (float s : samples) {
      blocks.add(s);
    }
    assertEquals(1, blocks.blockSize());
    assertEquals(reference(samples, 255), blocks.fold(255));
  }

  @Test
  void staysBoundedAndCloseToTheReferenceForLongInput() {
    // 2^18 blocks are full after 2^18 samples; 5,000,000 samples force several doublings
    float[] samples = new float[5_000_000];
    Random rnd = new Random(7);
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (i / 100_000 % 3 == 0 ? 0.9f : 0.2f) * rnd.nextFloat();
    }
    Waveform.PeakBlocks blocks = new Waveform.PeakBlocks();
    for (float s : samples) {
      blocks.add(s);
    }
    assertEquals(32, blocks.blockSize());
    assertEquals(samples.length, blocks.samples());
    List<Double> folded = blocks.fold(255);
    List<Double> exact = reference(samples, 255);
    assertEquals(255, folded.size());
    for (int k = 0; k < 255; k++) {
      // a slice may gain or lose the samples of one block at its boundary
      assertEquals(exact.get(k), folded.get(k), 0.2, "point " + k);
    }
    assertTrue(MixdownTest.pearson(folded, exact) > 0.99);
  }

  @Test
  void silenceGivesZeros() {
    Waveform.PeakBlocks blocks = new Waveform.PeakBlocks();
    for (int i = 0; i < 1000; i++) {
      blocks.add(0f);
    }
    assertEquals(Collections.nCopies(255, 0.0), blocks.fold(255));
    assertEquals(Collections.nCopies(5, 0.0), new Waveform.PeakBlocks().fold(5));
  }

  @Test
  void shortInputPutsEverythingInTheLastPointLikeTheReference() {
    Waveform.PeakBlocks blocks = new Waveform.PeakBlocks();
    blocks.add(0.5f);
    blocks.add(0.25f);
    List<Double> w = blocks.fold(4);
    assertEquals(List.of(0.0, 0.0, 0.0, 1.0), w);
  }

  @Test
  void peaksOfARealTrackFollowItsSpeech() {
    Sample.Track t = Sample.TRACKS.get(2);
    List<Double> w = new Waveform().peaks(t.file(), 255);
    assertEquals(255, w.size());
    assertEquals(1.0, Collections.max(w));
    assertTrue(Collections.min(w) < 0.05, "the track has pauses: " + Collections.min(w));
  }
}
