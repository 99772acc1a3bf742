package dev.videoplatform.upload.service;

import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.hls.RenditionLadder;
import dev.videoplatform.platform.ids.Uuid7;
import java.util.List;

/** The {@code video.transcode} jobs upload asks for; the transcoder keeps only rungs no taller than the source. */
public final class TranscodeRequests {

    private TranscodeRequests() {
    }

    /** A transcode job for a video's raw file: a new job id each attempt, output under the video's ladder prefix. */
    public static VideoTranscodeRequested request(String videoId, String rawKey, List<String> renditions, int attempt) {
        return VideoTranscodeRequested.newBuilder().setVideoId(videoId).setJobId(Uuid7.next()).setRawBlobKey(rawKey)
                .addAllRenditions(RenditionLadder.specs(renditions)).setAttempt(attempt)
                .setHlsPrefix(BlobKeys.ladder(videoId)).build();
    }
}
