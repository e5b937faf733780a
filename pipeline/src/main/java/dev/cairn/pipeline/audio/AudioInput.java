package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.LoggerFactory;

/**
 * The first audio stream of a file, demuxed and decoded one frame at a time.
 *
 * <p>Frames come out with {@code pts} in units of 1/sample_rate counted from the stream's start, the way the ffmpeg
 * command line shifts an input to 0: the track's own start offset must not reach the filters, or a padded track would
 * carry its offset twice (once as adelay silence, once as a timestamp gap that aresample=async fills).
 */
final class AudioInput implements AutoCloseable {
  private final Path path;
  private final String noun;
  private AVFormatContext fmt;
  private AVCodecContext dec;
  private AVPacket pkt;
  private AVFrame frame;
  private AVStream stream;
  private int streamIndex = -1;
  private AVRational streamTb;
  private AVRational sampleTb;
  private long origin = AV_NOPTS_VALUE;
  private long nextPts;
  private boolean flushing;
  private boolean finished;
  private long samplesDecoded;

  private AudioInput(Path path, String noun) {
    this.path = path;
    this.noun = noun;
  }

  /** Opens {@code path}; {@code noun} ("track", "audio") names the file in error messages. */
  static AudioInput open(Path path, String noun) {
    Ff.init();
    AudioInput in = new AudioInput(path, noun);
    try {
      in.openInternal();
      return in;
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private void openInternal() {
    fmt = new AVFormatContext(null);
    int r = avformat_open_input(fmt, path.toString(), null, null);
    if (r < 0) {
      fmt = null; // avformat_open_input frees the context itself on failure
      throw new AudioException("cannot open " + noun + " " + path + ": " + Ff.error(r));
    }
    r = avformat_find_stream_info(fmt, (AVDictionary) null);
    if (r < 0) {
      throw new AudioException("cannot read " + noun + " " + path + ": " + Ff.error(r));
    }
    for (int i = 0; i < fmt.nb_streams(); i++) {
      AVStream st = fmt.streams(i);
      if (streamIndex < 0 && st.codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
        streamIndex = i;
        stream = st;
      } else {
        st.discard(AVDISCARD_ALL); // do not spend time demuxing video or other audio
      }
    }
    if (stream == null) {
      throw new AudioException(noun + " " + path + " is not audio: no audio stream");
    }
    AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
    if (codec == null || codec.isNull()) {
      throw new AudioException(noun + " " + path + " is not decodable: no decoder for codec id "
          + stream.codecpar().codec_id());
    }
    dec = avcodec_alloc_context3(codec);
    r = avcodec_parameters_to_context(dec, stream.codecpar());
    if (r < 0) {
      throw new AudioException("cannot decode " + noun + " " + path + ": " + Ff.error(r));
    }
    streamTb = stream.time_base();
    dec.pkt_timebase(streamTb);
    r = avcodec_open2(dec, codec, (AVDictionary) null);
    if (r < 0) {
      throw new AudioException("cannot decode " + noun + " " + path + ": " + Ff.error(r));
    }
    if (dec.sample_rate() <= 0) {
      throw new AudioException(noun + " " + path + " is not audio: no sample rate");
    }
    if (dec.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
      // the filters need a layout, not just a count
      av_channel_layout_default(dec.ch_layout(), dec.ch_layout().nb_channels());
    }
    sampleTb = av_make_q(1, dec.sample_rate());
    if (stream.start_time() != AV_NOPTS_VALUE) {
      origin = stream.start_time();
    }
    pkt = av_packet_alloc();
    frame = av_frame_alloc();
  }

  Path path() {
    return path;
  }

  /** The decoder's sample rate (that of the decoded frames, normally). */
  int sampleRate() {
    return dec.sample_rate();
  }

  /** Container duration in seconds, or -1 if unknown; only an estimate for progress. */
  double durationEstimateSeconds() {
    if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
      return stream.duration() * (double) streamTb.num() / streamTb.den();
    }
    if (fmt.duration() != AV_NOPTS_VALUE && fmt.duration() > 0) {
      return fmt.duration() / (double) AV_TIME_BASE;
    }
    return -1;
  }

  long samplesDecoded() {
    return samplesDecoded;
  }

  /** Arguments of an {@code abuffer} source fed with this input's frames. */
  String abufferArgs(AVFrame f) {
    byte[] buf = new byte[128];
    int n = av_channel_layout_describe(f.ch_layout().nb_channels() > 0 ? f.ch_layout() : dec.ch_layout(), buf,
        buf.length);
    String layout = n > 0 ? new String(buf, 0, Math.min(n, buf.length) - 1, StandardCharsets.UTF_8)
        : dec.ch_layout().nb_channels() + "c";
    int fmtId = f.format() >= 0 ? f.format() : dec.sample_fmt();
    int rate = f.sample_rate() > 0 ? f.sample_rate() : dec.sample_rate();
    return "time_base=1/" + rate + ":sample_rate=" + rate + ":sample_fmt=" + av_get_sample_fmt_name(fmtId).getString()
        + ":channel_layout=" + layout.replace(":", "\\:");
  }

  /**
   * The next decoded frame, or null at the end. The frame belongs to this input and is only valid until the next
   * call; pushing it into a buffer source (which takes its reference) is fine.
   */
  AVFrame next() {
    if (finished) {
      return null;
    }
    while (true) {
      int r = avcodec_receive_frame(dec, frame);
      if (r >= 0) {
        retime(frame);
        samplesDecoded += frame.nb_samples();
        return frame;
      }
      if (r == AVERROR_EOF) {
        finished = true;
        return null;
      }
      if (r != Ff.EAGAIN) {
        throw new AudioException("cannot decode " + noun + " " + path + ": " + Ff.error(r));
      }
      if (flushing) {
        // a flushed decoder never asks for more input; treat the contradiction as the end rather than loop
        finished = true;
        return null;
      }
      r = av_read_frame(fmt, pkt);
      if (r < 0) {
        if (r != AVERROR_EOF) {
          // like the ffmpeg command line, a read error after some data ends the stream instead of failing it
          LoggerFactory.getLogger(AudioInput.class)
              .warn("reading {} {} stopped early: {}", noun, path, Ff.error(r));
        }
        avcodec_send_packet(dec, null);
        flushing = true;
        continue;
      }
      try {
        if (pkt.stream_index() != streamIndex) {
          continue;
        }
        r = avcodec_send_packet(dec, pkt);
        if (r < 0 && r != AVERROR_INVALIDDATA && r != Ff.EAGAIN) {
          throw new AudioException("cannot decode " + noun + " " + path + ": " + Ff.error(r));
        }
      } finally {
        av_packet_unref(pkt);
      }
    }
  }

  private void retime(AVFrame f) {
    long ts = f.best_effort_timestamp();
    if (ts == AV_NOPTS_VALUE) {
      f.pts(nextPts);
    } else {
      if (origin == AV_NOPTS_VALUE) {
        origin = ts;
      }
      f.pts(av_rescale_q(ts - origin, streamTb, sampleTb));
    }
    nextPts = f.pts() + f.nb_samples();
  }

  @Override
  public void close() {
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (pkt != null) {
      av_packet_free(pkt);
      pkt = null;
    }
    if (dec != null) {
      avcodec_free_context(dec);
      dec = null;
    }
    if (fmt != null) {
      avformat_close_input(fmt);
      fmt = null;
    }
  }
}
