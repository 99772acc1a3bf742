package dev.videoplatform.transcode.ffmpeg;

import dev.videoplatform.transcode.service.TranscodeFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** ffprobe: what an input contains, and which H.264 profile and level an output got. */
@ApplicationScoped
public class MediaProbe {

    /** RFC 6381 profile_idc + constraint flags for the H.264 profiles x264 produces. */
    private static final Map<String, String> AVC_PROFILES = Map.of(
            "Constrained Baseline", "42e0", "Baseline", "4200", "Main", "4d40", "High", "6400");

    private final FfmpegTools tools;

    public MediaProbe(FfmpegTools tools) {
        this.tools = tools;
    }

    /** Probes an input; anything that is not a readable video with a duration is bad input. */
    public MediaInfo probe(Path input) {
        String json = tools.output(List.of(tools.ffprobe(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", input.toString()), "reading the file as video");
        JsonObject probe = parse(json);
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
        double duration = number(probe.getJsonObject("format", new JsonObject()).getString("duration"));
        if (!(duration > 0)) {
            duration = number(video.getString("duration"));
        }
        if (!(duration > 0)) {
            throw TranscodeFailure.badInput("the video has no duration");
        }
        int rotation = Math.abs(rotation(video)) % 180;
        return rotation == 90 ? new MediaInfo(height, width, duration, audio) : new MediaInfo(width, height, duration, audio);
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
