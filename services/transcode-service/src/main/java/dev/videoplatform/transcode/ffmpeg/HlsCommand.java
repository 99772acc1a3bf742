package dev.videoplatform.transcode.ffmpeg;

import dev.videoplatform.platform.blob.BlobKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The one ffmpeg invocation that encodes a whole ladder: the source is decoded once and split
 * into every rung; keyframes are forced on the same time grid in each rendition (scene-cut
 * keyframes off), so segment boundaries line up and players can switch between renditions.
 * Each rung is written as an HLS VOD media playlist {@code <name>/index.m3u8} with MPEG-TS
 * segments {@code <name>/seg_NNNNN.ts}; progress goes to standard output.
 */
public final class HlsCommand {

    private HlsCommand() {
    }

    /** {@code input}: the input options ending in {@code -i <file>} (see {@link ConfinedInput#decoding}). */
    public static List<String> ladder(String ffmpeg, List<String> input, Path outputDirectory, List<LadderRung> rungs,
            boolean withAudio, int segmentSeconds, String preset) {
        List<String> args = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-y", "-v", "error",
                "-progress", "pipe:1", "-nostats"));
        args.addAll(input);
        StringBuilder filter = new StringBuilder("[0:v]split=").append(rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            filter.append("[s").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            LadderRung rung = rungs.get(i);
            filter.append(";[s").append(i).append("]scale=").append(rung.width()).append(':').append(rung.height())
                    .append(",setsar=1,format=yuv420p[v").append(i).append(']');
        }
        args.addAll(List.of("-filter_complex", filter.toString()));
        StringJoiner streamMap = new StringJoiner(" ");
        for (int i = 0; i < rungs.size(); i++) {
            args.addAll(List.of("-map", "[v" + i + "]"));
            if (withAudio) {
                args.addAll(List.of("-map", "0:a:0"));
            }
            streamMap.add("v:" + i + (withAudio ? ",a:" + i : "") + ",name:" + rungs.get(i).name());
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", preset, "-profile:v", "high", "-sc_threshold", "0",
                "-force_key_frames", "expr:gte(t,n_forced*" + segmentSeconds + ")"));
        for (int i = 0; i < rungs.size(); i++) {
            long bitrate = rungs.get(i).videoBitrateBps();
            args.addAll(List.of("-b:v:" + i, Long.toString(bitrate), "-maxrate:v:" + i, Long.toString(bitrate * 11 / 10),
                    "-bufsize:v:" + i, Long.toString(bitrate * 2)));
            if (withAudio) {
                args.addAll(List.of("-b:a:" + i, Long.toString(rungs.get(i).audioBitrateBps())));
            }
        }
        if (withAudio) {
            args.addAll(List.of("-c:a", "aac", "-ac", "2", "-ar", "48000"));
        }
        args.addAll(List.of("-sn", "-dn", "-map_metadata", "-1", "-max_muxing_queue_size", "1024",
                "-f", "hls", "-hls_time", Integer.toString(segmentSeconds), "-hls_playlist_type", "vod",
                "-hls_flags", "independent_segments", "-hls_segment_type", "mpegts",
                "-hls_segment_filename", outputDirectory.resolve("%v").resolve(BlobKeys.SEGMENT_PATTERN).toString(),
                "-var_stream_map", streamMap.toString(),
                outputDirectory.resolve("%v").resolve(BlobKeys.MEDIA_PLAYLIST).toString()));
        return args;
    }

    /** One frame at {@code atSeconds}, scaled to the rung's size, as a JPEG poster. */
    public static List<String> poster(String ffmpeg, List<String> input, Path poster, LadderRung size, double atSeconds) {
        List<String> args = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-y", "-v", "error",
                "-ss", String.format(java.util.Locale.ROOT, "%.3f", atSeconds)));
        args.addAll(input);
        args.addAll(List.of("-frames:v", "1", "-vf", "scale=" + size.width() + ":" + size.height() + ",setsar=1",
                "-q:v", "3", poster.toString()));
        return args;
    }
}
