package dev.videoplatform.transcode.ffmpeg;

/** One rendition to encode: its directory name, exact output size and target bitrates. */
public record LadderRung(String name, int width, int height, long videoBitrateBps, long audioBitrateBps) {
}
