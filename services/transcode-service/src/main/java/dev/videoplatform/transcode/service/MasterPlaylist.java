package dev.videoplatform.transcode.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The HLS master playlist, written by us rather than by ffmpeg so that BANDWIDTH is the measured
 * peak segment bit rate (what players use to pick a rendition), next to AVERAGE-BANDWIDTH,
 * RESOLUTION and the exact CODECS of each rendition.
 */
public final class MasterPlaylist {


    /** A rendition as the master lists it; bandwidths in bits per second. */
    public record Variant(String name, int width, int height, long peakBps, long averageBps, String codecs,
            String playlistPath) {
    }

    /** Peak and average bit rate of one media playlist's segments. */
    public record Bandwidth(long peakBps, long averageBps) {
    }

    private MasterPlaylist() {
    }

    public static String render(List<Variant> variants) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Variant v : variants) {
            m3u8.append(String.format(Locale.ROOT,
                    "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,CODECS=\"%s\"%n%s%n",
                    v.peakBps(), v.averageBps(), v.width(), v.height(), v.codecs(), v.playlistPath()));
        }
        return m3u8.toString();
    }

    /** Measures a media playlist written by ffmpeg: each segment's size over its EXTINF duration. */
    public static Bandwidth measure(Path mediaPlaylist) throws IOException {
        List<String> lines = Files.readAllLines(mediaPlaylist, StandardCharsets.UTF_8);
        double seconds = 0;
        long bytes = 0;
        double peak = 0;
        double duration = -1;
        for (String line : lines) {
            if (line.startsWith("#EXTINF:")) {
                String value = line.substring("#EXTINF:".length());
                int comma = value.indexOf(',');
                duration = Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
            } else if (!line.isBlank() && !line.startsWith("#") && duration > 0) {
                long size = Files.size(mediaPlaylist.resolveSibling(line.strip()));
                peak = Math.max(peak, size * 8 / duration);
                bytes += size;
                seconds += duration;
                duration = -1;
            }
        }
        if (seconds <= 0) {
            throw TranscodeFailure.badInput("the encoder produced no segments");
        }
        return new Bandwidth((long) Math.ceil(peak), (long) Math.ceil(bytes * 8 / seconds));
    }
}
