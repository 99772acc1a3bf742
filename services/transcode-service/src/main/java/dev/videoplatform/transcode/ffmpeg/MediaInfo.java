package dev.videoplatform.transcode.ffmpeg;

/**
 * What ffprobe found in an input: the accepted demuxer that reads it, display dimensions
 * (rotation applied), duration, frame rate, how many streams it holds and whether there is an
 * audio track to carry over.
 */
public record MediaInfo(String format, int width, int height, double durationSeconds, double frameRate, int streams,
        boolean hasAudio) {

    public boolean portrait() {
        return height > width;
    }

    /** The side the ladder's rung names measure ("720p" = 720 on the short side). */
    public int shortSide() {
        return Math.min(width, height);
    }
}
