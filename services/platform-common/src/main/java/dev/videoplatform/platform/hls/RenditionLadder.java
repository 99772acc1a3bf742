package dev.videoplatform.platform.hls;

import dev.videoplatform.events.v1.RenditionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HLS ladder the platform offers, the one table of rungs (name, nominal size, bitrates) in
 * the shape of the {@code video.transcode} contract: upload validates requests against it and
 * sends the chosen specs, the transcoder sizes them to each source.
 */
public final class RenditionLadder {

    private static final long AUDIO_BITRATE_BPS = 128_000;
    private static final Map<String, RenditionSpec> RUNGS = new LinkedHashMap<>();

    static {
        rung("240p", 426, 240, 400_000);
        rung("360p", 640, 360, 800_000);
        rung("480p", 854, 480, 1_400_000);
        rung("720p", 1280, 720, 2_800_000);
        rung("1080p", 1920, 1080, 5_000_000);
    }

    private RenditionLadder() {
    }

    private static void rung(String name, int width, int height, long videoBitrate) {
        RUNGS.put(name, RenditionSpec.newBuilder().setName(name).setWidth(width).setHeight(height)
                .setVideoBitrateBps(videoBitrate).setAudioBitrateBps(AUDIO_BITRATE_BPS).build());
    }

    public static boolean isKnown(String name) {
        return RUNGS.containsKey(name);
    }

    public static List<String> names() {
        return List.copyOf(RUNGS.keySet());
    }

    /** Specs for the requested names in ladder order; the whole ladder when none are named. */
    public static List<RenditionSpec> specs(List<String> requested) {
        return RUNGS.values().stream().filter(s -> requested.isEmpty() || requested.contains(s.getName())).toList();
    }
}
