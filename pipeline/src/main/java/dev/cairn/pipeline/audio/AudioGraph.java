package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_set_frame_size;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_get_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A libavfilter graph with audio sources {@code in0..inN-1} ({@code abuffer@inK=...}) and one sink
 * ({@code abuffersink@out}), all written in the graph description itself.
 */
final class AudioGraph implements AutoCloseable {
  /** Outcome of {@link #pull}. */
  enum Pull { FRAME, AGAIN, END }

  private final String what;
  private AVFilterGraph graph;
  private final AVFilterContext[] sources;
  private final AVFilterContext sink;

  /**
   * @param what names the file being processed, for error messages
   * @param description a complete graph description using {@code abuffer@in0..} and {@code abuffersink@out}
   * @param inputs number of sources
   * @param sinkFrameSize if &gt; 0, the sink hands out frames of exactly this many samples (the last one shorter),
   *     the size the encoder wants
   */
  AudioGraph(String what, String description, int inputs, int sinkFrameSize) {
    this.what = what;
    graph = avfilter_graph_alloc();
    try {
      int r;
      try (BytePointer desc = new BytePointer(description)) {
        // no open inputs or outputs: every source and the sink are named in the description
        r = avfilter_graph_parse_ptr(graph, desc, (PointerPointer<?>) null, (PointerPointer<?>) null, null);
      }
      if (r < 0) {
        throw new AudioException("cannot build the filter graph for " + what + ": " + Ff.error(r) + " in '"
            + description + "'");
      }
      r = avfilter_graph_config(graph, null);
      if (r < 0) {
        throw new AudioException("cannot configure the filter graph for " + what + ": " + Ff.error(r) + " in '"
            + description + "'");
      }
      sources = new AVFilterContext[inputs];
      for (int i = 0; i < inputs; i++) {
        sources[i] = avfilter_graph_get_filter(graph, "abuffer@in" + i);
        if (sources[i] == null || sources[i].isNull()) {
          throw new IllegalStateException("graph has no source in" + i + ": " + description);
        }
      }
      sink = avfilter_graph_get_filter(graph, "abuffersink@out");
      if (sink == null || sink.isNull()) {
        throw new IllegalStateException("graph has no sink out: " + description);
      }
      if (sinkFrameSize > 0) {
        av_buffersink_set_frame_size(sink, sinkFrameSize);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Makes the sink hand out frames of exactly {@code n} samples (the last one shorter); 0 keeps any size. */
  void setSinkFrameSize(int n) {
    if (n > 0) {
      av_buffersink_set_frame_size(sink, n);
    }
  }

  /** Pushes a frame into source {@code i}; the graph takes the frame's data reference (the frame is reset). */
  void push(int i, AVFrame frame) {
    int r = av_buffersrc_add_frame_flags(sources[i], frame, 0);
    if (r < 0) {
      throw new AudioException("cannot filter " + what + ": " + Ff.error(r));
    }
  }

  /** Tells source {@code i} that its input has ended. */
  void end(int i) {
    int r = av_buffersrc_add_frame_flags(sources[i], null, 0);
    if (r < 0 && r != AVERROR_EOF) {
      throw new AudioException("cannot filter " + what + ": " + Ff.error(r));
    }
  }

  /** Takes the next filtered frame into {@code out} (the caller unrefs it after use). */
  Pull pull(AVFrame out) {
    int r = av_buffersink_get_frame(sink, out);
    if (r >= 0) {
      return Pull.FRAME;
    }
    if (r == Ff.EAGAIN) {
      return Pull.AGAIN;
    }
    if (r == AVERROR_EOF) {
      return Pull.END;
    }
    throw new AudioException("cannot filter " + what + ": " + Ff.error(r));
  }

  @Override
  public void close() {
    if (graph != null) {
      avfilter_graph_free(graph);
      graph = null;
    }
  }
}
