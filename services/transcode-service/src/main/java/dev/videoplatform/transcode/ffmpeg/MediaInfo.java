package dev.videoplatform.transcode.ffmpeg;

/**
 * What ffprobe found in an input: display dimensions (rotation applied), duration and whether
 * there is an audio track to carry over.
 */
public record MediaInfo(int width, int height, double durationSeconds, boolean hasAudio) {

    public boolean portrait() {
        return height > width;
    }

    /** The side the ladder's rung names measure ("720p" = 720 on the short side). */
    public int shortSide() {
        return Math.min(width, height);
    }
}
