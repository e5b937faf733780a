package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One audio encoder writing into one container file.
 *
 * <p>Frame timestamps are rewritten to the running sample count, so the output timeline starts at 0 and has no gaps
 * whatever the filters' timestamps were.
 */
final class AudioOutput implements AutoCloseable {
  private final Path path;
  private AVFormatContext oc;
  private AVCodecContext enc;
  private AVStream stream;
  private AVPacket pkt;
  private boolean finished;
  private long samplesWritten;
  private long packetBytes;

  /**
   * @param format container short name ("webm", "mp3")
   * @param codecName encoder name ("libopus", "libmp3lame")
   * @param sampleFmt the AV_SAMPLE_FMT the frames will have (one the encoder supports)
   * @param bitRate bits per second, or 0 for the encoder's default
   */
  AudioOutput(Path path, String format, String codecName, int sampleRate, int channels, int sampleFmt, long bitRate) {
    Ff.init();
    this.path = path;
    try {
      oc = new AVFormatContext(null);
      int r = avformat_alloc_output_context2(oc, null, format, path.toString());
      if (r < 0 || oc.isNull()) {
        oc = null;
        throw new AudioException("cannot write " + path + ": " + Ff.error(r));
      }
      AVCodec codec = avcodec_find_encoder_by_name(codecName);
      if (codec == null || codec.isNull()) {
        throw new AudioException("cannot write " + path + ": encoder " + codecName + " not available");
      }
      stream = avformat_new_stream(oc, null);
      enc = avcodec_alloc_context3(codec);
      enc.sample_rate(sampleRate);
      enc.sample_fmt(sampleFmt);
      av_channel_layout_default(enc.ch_layout(), channels);
      if (bitRate > 0) {
        enc.bit_rate(bitRate);
      }
      enc.time_base(av_make_q(1, sampleRate));
      if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
        enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      }
      r = avcodec_open2(enc, codec, (AVDictionary) null);
      if (r < 0) {
        throw new AudioException("cannot write " + path + ": opening " + codecName + ": " + Ff.error(r));
      }
      r = avcodec_parameters_from_context(stream.codecpar(), enc);
      if (r < 0) {
        throw new AudioException("cannot write " + path + ": " + Ff.error(r));
      }
      stream.time_base(enc.time_base());
      if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
        AVIOContext pb = new AVIOContext(null);
        r = avio_open(pb, path.toString(), AVIO_FLAG_WRITE);
        if (r < 0) {
          throw new AudioException("cannot write " + path + ": " + Ff.error(r));
        }
        oc.pb(pb);
      }
      r = avformat_write_header(oc, (AVDictionary) null);
      if (r < 0) {
        throw new AudioException("cannot write " + path + ": " + Ff.error(r));
      }
      pkt = av_packet_alloc();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Samples per frame the encoder wants (0 if any size goes). */
  int frameSize() {
    return enc.frame_size();
  }

  /** Encodes one frame; the caller keeps ownership of {@code frame}. */
  void write(AVFrame frame) {
    // encoders trust the frame's layout blindly; a mismatch would be encoded as noise, not reported
    if (frame.format() != enc.sample_fmt() || frame.sample_rate() != enc.sample_rate()
        || frame.ch_layout().nb_channels() != enc.ch_layout().nb_channels()) {
      throw new IllegalStateException("frame for " + path + " is format " + frame.format() + ", "
          + frame.sample_rate() + " Hz, " + frame.ch_layout().nb_channels() + " channels; the encoder wants format "
          + enc.sample_fmt() + ", " + enc.sample_rate() + " Hz, " + enc.ch_layout().nb_channels() + " channels");
    }
    frame.pts(samplesWritten);
    samplesWritten += frame.nb_samples();
    int r = avcodec_send_frame(enc, frame);
    if (r < 0) {
      throw new AudioException("cannot encode " + path + ": " + Ff.error(r));
    }
    drain();
  }

  private void drain() {
    while (true) {
      int r = avcodec_receive_packet(enc, pkt);
      if (r == Ff.EAGAIN || r == AVERROR_EOF) {
        return;
      }
      if (r < 0) {
        throw new AudioException("cannot encode " + path + ": " + Ff.error(r));
      }
      packetBytes += pkt.size();
      av_packet_rescale_ts(pkt, enc.time_base(), stream.time_base());
      pkt.stream_index(stream.index());
      r = av_interleaved_write_frame(oc, pkt); // takes the packet's reference
      av_packet_unref(pkt);
      if (r < 0) {
        throw new AudioException("cannot write " + path + ": " + Ff.error(r));
      }
    }
  }

  /** Flushes the encoder and writes the trailer; the file is complete afterwards. */
  void finish() {
    if (finished) {
      return;
    }
    int r = avcodec_send_frame(enc, null);
    if (r < 0 && r != AVERROR_EOF) {
      throw new AudioException("cannot encode " + path + ": " + Ff.error(r));
    }
    drain();
    r = av_write_trailer(oc);
    if (r < 0) {
      throw new AudioException("cannot write " + path + ": " + Ff.error(r));
    }
    finished = true;
  }

  long samplesWritten() {
    return samplesWritten;
  }

  long packetBytes() {
    return packetBytes;
  }

  @Override
  public void close() {
    if (pkt != null) {
      av_packet_free(pkt);
      pkt = null;
    }
    if (enc != null) {
      avcodec_free_context(enc);
      enc = null;
    }
    if (oc != null) {
      if (oc.pb() != null && !oc.pb().isNull() && (oc.oformat().flags() & AVFMT_NOFILE) == 0) {
        avio_closep(oc.pb());
      }
      avformat_free_context(oc);
      oc = null;
    }
  }
}
