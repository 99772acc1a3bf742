package dev.videoplatform.transcode.ffmpeg;

import dev.videoplatform.transcode.config.TranscodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The input options under which ffprobe and ffmpeg read an upload. An upload is untrusted
 * bytes: left to guess, ffmpeg would read an ffconcat or HLS "video" as a list of other files
 * (another user's blobs, {@code /etc/passwd}, URLs). So only the accepted container demuxers may
 * open it and only the local-file protocol is allowed (no nested URLs). Encoding runs also force
 * the demuxer the probe found, let no decoder build a picture far larger than the size cap (a
 * stream may change size after the probe) and stop reading one second past the probed
 * duration, so the work is bounded by what was checked. The probe itself has no pixel cap: it
 * must report an oversized picture's size so the refusal can say so.
 */
@ApplicationScoped
public class ConfinedInput {

    private final List<String> formats;
    private final long maxPixels;

    public ConfinedInput(TranscodeConfig config) {
        this.formats = List.copyOf(config.inputFormats());
        // Decoders allocate aligned, padded pictures (a 240×320 H.264 frame takes 256×320), and
        // one refused by -max_pixels is silently dropped: hence twice the size cap.
        this.maxPixels = 2L * config.limits().maxWidth() * config.limits().maxHeight();
    }

    /** The demuxers an upload may be read with. */
    public List<String> formats() {
        return formats;
    }

    /** Input options for ffprobe: whichever accepted demuxer recognises the file. */
    public List<String> probing(Path file) {
        List<String> args = confinement();
        args.addAll(List.of("-i", file.toString()));
        return args;
    }

    /** Input options for an ffmpeg run over a probed file: its demuxer forced, pictures and length capped. */
    public List<String> decoding(Path file, MediaInfo media) {
        List<String> args = confinement();
        args.addAll(List.of("-max_pixels", Long.toString(Math.min(maxPixels, Integer.MAX_VALUE)), "-f", media.format(),
                "-t", String.format(Locale.ROOT, "%.3f", media.durationSeconds() + 1), "-i", file.toString()));
        return args;
    }

    private List<String> confinement() {
        return new ArrayList<>(List.of("-protocol_whitelist", "file", "-format_whitelist", String.join(",", formats)));
    }
}
