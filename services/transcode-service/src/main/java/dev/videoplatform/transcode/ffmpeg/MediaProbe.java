package dev.videoplatform.transcode.ffmpeg;

import dev.videoplatform.transcode.service.TranscodeFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ffprobe: what an upload contains, and which H.264 profile and level an output got. */
@ApplicationScoped
public class MediaProbe {

    /** RFC 6381 profile_idc + constraint flags for the H.264 profiles x264 produces. */
    private static final Map<String, String> AVC_PROFILES = Map.of(
            "Constrained Baseline", "42e0", "Baseline", "4200", "Main", "4d40", "High", "6400");

    private final FfmpegTools tools;
    private final ConfinedInput confined;

    public MediaProbe(FfmpegTools tools, ConfinedInput confined) {
        this.tools = tools;
        this.confined = confined;
    }

    /**
     * Probes an upload through {@link ConfinedInput}: anything that is not a readable video with
     * a duration, in an accepted container, is bad input.
     */
    public MediaInfo probe(Path input) {
        List<String> command = new ArrayList<>(List.of(tools.ffprobe(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams"));
        command.addAll(confined.probing(input));
        String json;
        try {
            json = tools.output(command, "reading the file as video");
        } catch (TranscodeFailure e) {
            if (e.retriable()) {
                throw e;
            }
            throw TranscodeFailure.badInput("the file is not a video in an accepted format ("
                    + String.join(", ", confined.formats()) + "): " + e.reason());
        }
        JsonObject probe = parse(json);
        JsonObject format = probe.getJsonObject("format", new JsonObject());
        JsonArray streams = probe.getJsonArray("streams", new JsonArray());
        JsonObject video = null;
        boolean audio = false;
        for (int i = 0; i < streams.size(); i++) {
            JsonObject stream = streams.getJsonObject(i);
            boolean picture = stream.getJsonObject("disposition", new JsonObject()).getInteger("attached_pic", 0) == 1;
            if ("video".equals(stream.getString("codec_type")) && !picture && video == null) {
                video = stream;
            } else if ("audio".equals(stream.getString("codec_type"))) {
                audio = true;
            }
        }
        if (video == null) {
            throw TranscodeFailure.badInput("the file has no video stream");
        }
        int width = video.getInteger("width", 0);
        int height = video.getInteger("height", 0);
        if (width <= 0 || height <= 0) {
            throw TranscodeFailure.badInput("the video stream has no picture size");
        }
        double duration = number(format.getString("duration"));
        if (!(duration > 0)) {
            duration = number(video.getString("duration"));
        }
        if (!(duration > 0)) {
            throw TranscodeFailure.badInput("the video has no duration");
        }
        double frameRate = rate(video.getString("avg_frame_rate"));
        if (!(frameRate > 0)) {
            frameRate = rate(video.getString("r_frame_rate"));
        }
        String demuxer = demuxer(format.getString("format_name", ""));
        int rotation = Math.abs(rotation(video)) % 180;
        return rotation == 90
                ? new MediaInfo(demuxer, height, width, duration, frameRate, streams.size(), audio)
                : new MediaInfo(demuxer, width, height, duration, frameRate, streams.size(), audio);
    }

    /** The HLS CODECS entry of an H.264 stream in {@code segment}, e.g. {@code avc1.64001f}. */
    public String avcCodec(Path segment) {
        String json = tools.output(List.of(tools.ffprobe(), "-v", "error", "-select_streams", "v:0", "-print_format", "json",
                "-show_entries", "stream=profile,level", segment.toString()), "reading a rendition");
        JsonArray streams = parse(json).getJsonArray("streams", new JsonArray());
        if (streams.isEmpty()) {
            throw TranscodeFailure.transientFailure("a rendition has no video stream", null);
        }
        JsonObject stream = streams.getJsonObject(0);
        String profile = AVC_PROFILES.getOrDefault(stream.getString("profile", "High"), "6400");
        return "avc1." + profile + String.format("%02x", stream.getInteger("level", 40));
    }

    private static int rotation(JsonObject video) {
        JsonArray sideData = video.getJsonArray("side_data_list", new JsonArray());
        for (int i = 0; i < sideData.size(); i++) {
            Object value = sideData.getJsonObject(i).getValue("rotation");
            if (value instanceof Number n) {
                return n.intValue();
            }
        }
        String tag = video.getJsonObject("tags", new JsonObject()).getString("rotate");
        return tag == null ? 0 : (int) number(tag);
    }

    /**
     * The accepted demuxer ffprobe used: ffprobe names a demuxer by all its aliases
     * ("mov,mp4,m4a,3gp,3g2,mj2"), and ffmpeg's {@code -f} takes any one of them.
     */
    private String demuxer(String formatName) {
        List<String> aliases = List.of(formatName.split(","));
        return confined.formats().stream().filter(aliases::contains).findFirst()
                .orElseThrow(() -> TranscodeFailure.badInput("the file is not in an accepted format (it is " + formatName + ")"));
    }

    /** An ffprobe rational such as {@code 30000/1001}; NaN when absent or 0/0. */
    private static double rate(String rational) {
        if (rational == null) {
            return Double.NaN;
        }
        int slash = rational.indexOf('/');
        return slash < 0 ? number(rational) : number(rational.substring(0, slash)) / number(rational.substring(slash + 1));
    }

    private static JsonObject parse(String json) {
        try {
            return new JsonObject(json);
        } catch (DecodeException e) {
            throw TranscodeFailure.badInput("ffprobe's answer was unreadable");
        }
    }

    private static double number(String text) {
        try {
            return text == null ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
