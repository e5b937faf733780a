package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A raw track's start offset from the start of the recording, read from its container the way upstream does it.
 *
 * <p>Daily writes each participant's track starting when their audio started and records that moment as the audio
 * stream's start time; the pipeline pads the track with that much silence so that track time equals meeting time.
 */
public final class StartOffsetProbe {
  private static final Logger log = LoggerFactory.getLogger(StartOffsetProbe.class);

  /**
   * Checks that {@code track} opens and has a decodable audio stream; throws {@link AudioException} naming the file
   * and the reason otherwise. {@link #offsetSeconds} never throws (upstream falls back to 0), so without this check
   * a file that is not audio at all would go on unpadded and fail later, far from its cause.
   */
  public void requireAudio(Path track) {
    try (AudioInput input = AudioInput.open(track, "track")) {
      // opening found the audio stream and its decoder: nothing more to check
    }
  }

  /**
   * The offset in seconds: (1) the first audio stream's {@code start_time × time_base}; (2) if that is not positive,
   * the container's {@code start_time} (microseconds); (3) if still not positive, the DTS of the stream's first
   * demuxed packet × time_base. Any failure, or no positive value at all, gives 0 (and a warning for failures): a
   * track that cannot be probed is still worth transcribing unpadded, as upstream does.
   */
  public double offsetSeconds(Path track) {
    Ff.init();
    AVFormatContext fmt = new AVFormatContext(null);
    int r = avformat_open_input(fmt, track.toString(), null, null);
    if (r < 0) {
      log.warn("cannot open track {} to probe its start offset, using 0: {}", track, Ff.error(r));
      return 0;
    }
    try {
      r = avformat_find_stream_info(fmt, (AVDictionary) null);
      if (r < 0) {
        log.warn("cannot read track {} to probe its start offset, using 0: {}", track, Ff.error(r));
        return 0;
      }
      AVStream audio = null;
      for (int i = 0; i < fmt.nb_streams() && audio == null; i++) {
        if (fmt.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
          audio = fmt.streams(i);
        }
      }
      if (audio == null) {
        log.warn("track {} has no audio stream, start offset 0", track);
        return 0;
      }
      AVRational tb = audio.time_base();
      if (audio.start_time() != AV_NOPTS_VALUE) {
        double s = audio.start_time() * (double) tb.num() / tb.den();
        if (s > 0) {
          return s;
        }
      }
      if (fmt.start_time() != AV_NOPTS_VALUE) {
        double s = fmt.start_time() / (double) AV_TIME_BASE;
        if (s > 0) {
          return s;
        }
      }
      return firstPacketDts(fmt, audio, track);
    } catch (RuntimeException e) {
      log.warn("probing the start offset of track {} failed, using 0", track, e);
      return 0;
    } finally {
      avformat_close_input(fmt);
    }
  }

  private static double firstPacketDts(AVFormatContext fmt, AVStream audio, Path track) {
    AVPacket pkt = av_packet_alloc();
    try {
      while (true) {
        int r = av_read_frame(fmt, pkt);
        if (r < 0) {
          return 0; // no packet at all: an empty track starts nowhere in particular
        }
        try {
          if (pkt.stream_index() == audio.index()) {
            if (pkt.dts() == AV_NOPTS_VALUE) {
              return 0;
            }
            double s = pkt.dts() * (double) audio.time_base().num() / audio.time_base().den();
            return Math.max(0, s);
          }
        } finally {
          av_packet_unref(pkt);
        }
      }
    } finally {
      av_packet_free(pkt);
    }
  }
}
