package dev.videoplatform.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.api.Api;
import dev.videoplatform.cli.api.Api.Access;
import dev.videoplatform.cli.output.Progress;
import jakarta.inject.Singleton;
import java.util.Set;

/** Follows a video's {@code WatchVideoStatus} stream (NDJSON through the edge) until it settles. */
@Singleton
public class TranscodeWatcher {

    /** Statuses after which nothing more happens on its own. */
    static final Set<String> SETTLED = Set.of("VIDEO_STATUS_READY", "VIDEO_STATUS_FAILED", "VIDEO_STATUS_BANNED");

    private final Api api;
    private final Progress progress;

    public TranscodeWatcher(Api api, Progress progress) {
        this.api = api;
        this.progress = progress;
    }

    /** The first settled update (READY, FAILED or BANNED), or the video itself if the stream ends before one. */
    public JsonNode follow(String videoId) {
        JsonNode[] last = {null};
        try (Progress.Bar bar = progress.percent("transcode")) {
            api.stream("/v1/videos/" + Api.segment(videoId) + ":watchStatus", Access.PUBLIC, update -> {
                last[0] = update;
                bar.at(update.path("progressPercent").asInt(0));
                return !SETTLED.contains(update.path("status").asText());
            });
        }
        if (last[0] == null || !SETTLED.contains(last[0].path("status").asText())) {
            return api.get("/v1/videos/" + Api.segment(videoId), Access.PUBLIC);
        }
        return last[0];
    }

    public static boolean ready(JsonNode update) {
        return "VIDEO_STATUS_READY".equals(update.path("status").asText());
    }
}
