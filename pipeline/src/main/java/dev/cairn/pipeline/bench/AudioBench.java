package dev.cairn.pipeline.bench;

import dev.cairn.pipeline.audio.MixResult;
import dev.cairn.pipeline.audio.Mixdown;
import dev.cairn.pipeline.audio.PadResult;
import dev.cairn.pipeline.audio.TrackPadder;
import dev.cairn.pipeline.audio.Waveform;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * Times the audio steps on a long synthetic recording and shows that memory stays bounded.
 *
 * <p>Generates {@code --tracks} mono 48 kHz Opus 32 kbit/s WebM tracks of {@code --minutes} of speech-like audio
 * (harmonic tone bursts with pauses over a faint noise floor), written starting at 0: the start offsets (0.5, 3, 8,
 * 15 s, then +7 s each) are passed to the padder explicitly instead of being carried by the containers. Then pads each
 * track, mixes the padded tracks to MP3 and computes the waveform of the mix, reporting wall time, the peak Java heap
 * and the peak resident set size (native FFmpeg memory included) of each phase. If an {@code ffmpeg} command is on the
 * PATH, the same pad and mix operations are timed with it for comparison.
 *
 * <p>Options: {@code --minutes N} (60), {@code --tracks N} (4), {@code --dir D} (a new temporary directory, deleted
 * at the end unless {@code --keep}).
 */
public final class AudioBench {
  private static final int RATE = 48_000;
  /** One period of a voiced-like waveform (6 harmonics falling as 1/h), so synthesis costs a lookup per sample. */
  private static final float[] WAVE = new float[4096];

  static {
    for (int i = 0; i < WAVE.length; i++) {
      double ph = 2 * Math.PI * i / WAVE.length;
      double s = 0;
      for (int h = 1; h <= 6; h++) {
        s += Math.sin(h * ph) / h;
      }
      WAVE[i] = (float) s;
    }
  }

  private AudioBench() {}

  public static void main(String[] args) throws Exception {
    int minutes = 60;
    int tracks = 4;
    Path dir = null;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Integer.parseInt(args[++i]);
        case "--tracks" -> tracks = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (options: --minutes N --tracks N --dir D --keep)");
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("audio-bench");
    } else {
      Files.createDirectories(dir);
    }
    String ffmpeg = findFfmpeg();
    System.out.printf("AudioBench: %d tracks x %d min, dir %s, max heap %d MB, ffmpeg CLI: %s%n", tracks, minutes, dir,
        Runtime.getRuntime().maxMemory() >> 20, ffmpeg == null ? "not on PATH" : ffmpeg);
    System.out.println("tracks are written starting at 0; their offsets are passed to the padder explicitly");

    List<Path> raw = new ArrayList<>();
    long[] delays = new long[tracks];
    long genStart = System.nanoTime();
    for (int t = 0; t < tracks; t++) {
      delays[t] = t < 4 ? new long[] {500, 3000, 8000, 15000}[t] : 15000 + 7000L * (t - 3);
      Path p = dir.resolve("track-" + t);
      generate(p, minutes * 60L * RATE, t);
      raw.add(p);
    }
    System.out.printf("generated %d tracks in %.1f s%n", tracks, secs(System.nanoTime() - genStart));

    double trackHours = tracks * minutes / 60.0;
    List<Row> rows = new ArrayList<>();

    // pad
    TrackPadder padder = new TrackPadder();
    List<Path> padded = new ArrayList<>();
    Phase pad = Phase.start();
    for (int t = 0; t < tracks; t++) {
      Path out = dir.resolve("padded-" + t + ".webm");
      PadResult r = padder.pad(raw.get(t), out, delays[t]);
      padded.add(out);
      System.out.printf("  padded track %d: %.1f s, %d bytes%n", t, r.durationSeconds(), r.bytes());
    }
    Phase.Result padR = pad.stop();
    Double padCli = null;
    if (ffmpeg != null) {
      long s = System.nanoTime();
      for (int t = 0; t < tracks; t++) {
        String af = "aresample=48000:async=1,aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo,"
            + "adelay=delays=" + delays[t] + "|" + delays[t] + ":all=1";
        run(ffmpeg, "-y", "-nostdin", "-loglevel", "error", "-i", raw.get(t).toString(), "-af", af, "-c:a",
            "libopus", "-b:a", "128k", "-f", "webm", dir.resolve("cli-padded-" + t + ".webm").toString());
      }
      padCli = secs(System.nanoTime() - s);
    }
    rows.add(new Row("pad (" + tracks + " tracks)", padR, trackHours, padCli));

    // mix
    Phase mix = Phase.start();
    Path mp3 = dir.resolve("mix.mp3");
    AtomicLong calls = new AtomicLong();
    MixResult m = new Mixdown().mix(padded, mp3, (p, total) -> calls.incrementAndGet());
    Phase.Result mixR = mix.stop();
    System.out.printf("  mix: %.1f s at %d Hz, %d tracks, %d progress calls%n", m.durationMs() / 1000.0,
        m.sampleRate(), m.tracksMixed(), calls.get());
    Double mixCli = null;
    if (ffmpeg != null) {
      List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-y", "-nostdin", "-loglevel", "error"));
      StringBuilder fc = new StringBuilder();
      for (int t = 0; t < tracks; t++) {
        cmd.addAll(List.of("-i", padded.get(t).toString()));
        fc.append('[').append(t).append(":a]");
      }
      fc.append("amix=inputs=").append(tracks).append(":normalize=0:duration=longest");
      cmd.addAll(List.of("-filter_complex", fc.toString(), "-ac", "2", "-c:a", "libmp3lame", "-b:a", "192k",
          dir.resolve("cli-mix.mp3").toString()));
      long s = System.nanoTime();
      run(cmd.toArray(String[]::new));
      mixCli = secs(System.nanoTime() - s);
    }
    rows.add(new Row("mixdown (" + tracks + " -> mp3)", mixR, trackHours, mixCli));

    // waveform
    Phase wave = Phase.start();
    List<Double> peaks = new Waveform().peaks(mp3, 255);
    Phase.Result waveR = wave.stop();
    Double waveCli = null;
    if (ffmpeg != null) {
      long s = System.nanoTime();
      run(ffmpeg, "-nostdin", "-loglevel", "error", "-i", mp3.toString(), "-f", "null", "-");
      waveCli = secs(System.nanoTime() - s);
    }
    rows.add(new Row("waveform (255 of mix; CLI: decode only)", waveR, m.durationMs() / 3_600_000.0, waveCli));
    if (peaks.size() != 255) {
      throw new IllegalStateException("waveform has " + peaks.size() + " points");
    }

    System.out.println();
    System.out.println("| step | wall s | s per track-hour | peak heap MB | peak RSS MB | ffmpeg CLI s | ratio |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      System.out.println(r);
    }
    System.out.println("(waveform: 'per track-hour' is per hour of mix; ratio = ours / CLI)");
    if (!keep) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Row(String step, Phase.Result r, double hours, Double cli) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %.0f | %s | %s |", step, r.seconds(),
          r.seconds() / hours, r.peakHeapBytes() / 1048576.0, r.peakRssBytes() / 1048576.0,
          cli == null ? "-" : String.format(Locale.ROOT, "%.1f", cli),
          cli == null ? "-" : String.format(Locale.ROOT, "%.2f", r.seconds() / cli));
    }
  }

  /** Wall time, peak heap (sum of the heap pools' peaks since the start) and peak RSS of one phase. */
  private static final class Phase {
    record Result(double seconds, long peakHeapBytes, long peakRssBytes) {}

    private final long start;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peakRss = new AtomicLong();
    private final Thread sampler;

    private Phase() {
      System.gc(); // start each phase from what is really live, then measure its own peak
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
      sampler = new Thread(() -> {
        while (running.get()) {
          peakRss.accumulateAndGet(rss(), Math::max);
          try {
            TimeUnit.MILLISECONDS.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "rss-sampler");
      sampler.setDaemon(true);
      sampler.start();
      start = System.nanoTime();
    }

    static Phase start() {
      return new Phase();
    }

    Result stop() throws InterruptedException {
      double s = secs(System.nanoTime() - start);
      running.set(false);
      sampler.join();
      peakRss.accumulateAndGet(rss(), Math::max);
      long heap = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          heap += pool.getPeakUsage().getUsed();
        }
      }
      return new Result(s, heap, peakRss.get());
    }
  }

  /** Resident set size from /proc (0 where there is none). */
  static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /**
   * Speech-like audio, streamed to the encoder one second at a time: voiced bursts (a 110-240 Hz fundamental with
   * decaying harmonics, slow vibrato and a syllable-rate envelope) of 0.3-3 s separated by 0.2-2 s pauses, over a
   * noise floor around -60 dBFS.
   */
  static void generate(Path file, long totalSamples, int seed) throws Exception {
    Random rnd = new Random(1000 + seed);
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 1)) {
      rec.setFormat("webm");
      rec.setAudioCodecName("libopus");
      rec.setSampleRate(RATE);
      rec.setAudioChannels(1);
      rec.setAudioBitrate(32_000);
      rec.setAudioOption("application", "voip");
      // generation is not what is measured: the cheapest encoder setting keeps it short
      rec.setAudioOption("compression_level", "0");
      rec.start();
      short[] buf = new short[RATE];
      long n = 0;
      long segmentEnd = 0;
      boolean voiced = false;
      double f0 = 150;
      double phase = 0;
      long segmentStart = 0;
      while (n < totalSamples) {
        int len = (int) Math.min(buf.length, totalSamples - n);
        for (int i = 0; i < len; i++, n++) {
          if (n >= segmentEnd) {
            voiced = !voiced;
            segmentStart = n;
            segmentEnd = n + (long) ((voiced ? 0.3 + rnd.nextDouble() * 2.7 : 0.2 + rnd.nextDouble() * 1.8) * RATE);
            f0 = 110 + rnd.nextDouble() * 130;
          }
          double v = (rnd.nextDouble() - 0.5) * 0.002;
          if (voiced) {
            double t = (n - segmentStart) / (double) RATE;
            double f = f0 * (1 + 0.03 * Math.sin(2 * Math.PI * 5 * t));
            phase += 2 * Math.PI * f / RATE;
            if (phase > 2 * Math.PI) {
              phase -= 2 * Math.PI;
            }
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t - Math.PI / 2);
            v += 0.25 * env * WAVE[(int) ((phase / (2 * Math.PI)) * WAVE.length) & (WAVE.length - 1)];
          }
          buf[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v * 32767)));
        }
        rec.recordSamples(RATE, 1, ShortBuffer.wrap(buf, 0, len));
      }
      rec.stop();
    }
  }

  private static String findFfmpeg() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d, "ffmpeg");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IllegalStateException("exit " + rc + ": " + String.join(" ", cmd));
    }
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }
}
