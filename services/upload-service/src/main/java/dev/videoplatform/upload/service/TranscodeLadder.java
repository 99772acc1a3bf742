package dev.videoplatform.upload.service;

import dev.videoplatform.events.v1.RenditionSpec;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.platform.ids.Uuid7;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HLS ladder uploads may ask for; the transcoder keeps only rungs no taller than the source. */
public final class TranscodeLadder {

    private static final Map<String, RenditionSpec> RUNGS = new LinkedHashMap<>();

    static {
        rung("240p", 426, 240, 400_000);
        rung("360p", 640, 360, 800_000);
        rung("480p", 854, 480, 1_400_000);
        rung("720p", 1280, 720, 2_800_000);
        rung("1080p", 1920, 1080, 5_000_000);
    }

    private TranscodeLadder() {
    }

    private static void rung(String name, int width, int height, long videoBitrate) {
        RUNGS.put(name, RenditionSpec.newBuilder().setName(name).setWidth(width).setHeight(height)
                .setVideoBitrateBps(videoBitrate).setAudioBitrateBps(128_000).build());
    }

    public static boolean isKnown(String name) {
        return RUNGS.containsKey(name);
    }

    public static List<String> names() {
        return List.copyOf(RUNGS.keySet());
    }

    /** A transcode job for a video's raw file: a new job id each attempt, output under {@code hls/<id>/}. */
    public static VideoTranscodeRequested request(String videoId, String rawKey, List<String> renditions, int attempt) {
        return VideoTranscodeRequested.newBuilder().setVideoId(videoId).setJobId(Uuid7.next()).setRawBlobKey(rawKey)
                .addAllRenditions(specs(renditions)).setAttempt(attempt).setHlsPrefix("hls/" + videoId + "/").build();
    }

    /** Specs for the requested names in ladder order; the whole ladder when none are named. */
    public static List<RenditionSpec> specs(List<String> requested) {
        return RUNGS.values().stream().filter(s -> requested.isEmpty() || requested.contains(s.getName())).toList();
    }
}
