package dev.videoplatform.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.api.Api;
import dev.videoplatform.cli.api.Api.Access;
import dev.videoplatform.cli.api.Sessions;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vp videos}: the signed-in user's own videos (their channel), newest first. */
@Command(name = "videos", description = "List my videos.")
public class VideosCommand implements Callable<Integer> {

    @Mixin
    PageOptions paging;

    private final Api api;
    private final Sessions sessions;
    private final Output output;

    public VideosCommand(Api api, Sessions sessions, Output output) {
        this.api = api;
        this.sessions = sessions;
        this.output = output;
    }

    @Override
    public Integer call() {
        String channel = sessions.required().userId();
        Map<String, Object> query = new LinkedHashMap<>();
        paging.addTo(query);
        JsonNode page = api.get(Api.query("/v1/channels/" + Api.segment(channel) + "/videos", query), Access.SIGNED_IN);
        if (output.json()) {
            output.document(page);
            return ExitCode.OK;
        }
        for (JsonNode video : page.path("videos")) {
            output.line(video.path("videoId").asText() + "  " + Texts.status(video.path("status").asText()) + "  "
                    + Texts.visibility(video.path("visibility").asText()) + "  " + video.path("title").asText());
        }
        Texts.nextPage(output, page);
        return ExitCode.OK;
    }
}
