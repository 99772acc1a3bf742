package dev.videoplatform.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.api.Api;
import dev.videoplatform.cli.api.Api.Access;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vp comments list|add|reply}: a video's threaded comments. */
@Command(name = "comments", description = "List, add and reply to comments.",
        subcommands = {CommentsCommand.ListComments.class, CommentsCommand.AddComment.class, CommentsCommand.ReplyToComment.class})
public class CommentsCommand {

    /** Comment orders of the API, without their enum prefix. */
    public enum Order {
        TOP,
        NEWEST
    }

    @Command(name = "list", description = "A video's comments (top-level; replies with --replies-of).")
    public static class ListComments implements Callable<Integer> {

        @Parameters(paramLabel = "VIDEO_ID")
        String videoId;

        @Option(names = "--order", description = "TOP or NEWEST")
        Order order;

        @Option(names = "--replies-of", paramLabel = "COMMENT_ID", description = "list this comment's replies instead")
        String repliesOf;

        @Mixin
        PageOptions paging;

        private final Api api;
        private final Output output;

        public ListComments(Api api, Output output) {
            this.api = api;
            this.output = output;
        }

        @Override
        public Integer call() {
            Map<String, Object> query = new LinkedHashMap<>();
            paging.addTo(query);
            JsonNode page;
            String items;
            if (repliesOf != null) {
                page = api.get(Api.query("/v1/comments/" + Api.segment(repliesOf) + "/replies", query), Access.PUBLIC);
                items = "replies";
            } else {
                query.put("order", order == null ? null : "COMMENT_ORDER_" + order.name());
                page = api.get(Api.query("/v1/videos/" + Api.segment(videoId) + "/comments", query), Access.PUBLIC);
                items = "comments";
            }
            if (output.json()) {
                output.document(page);
                return ExitCode.OK;
            }
            for (JsonNode comment : page.path(items)) {
                output.line(comment.path("commentId").asText() + "  " + comment.path("authorDisplayName").asText() + "  +"
                        + comment.path("upVoteCount").asText("0") + "  " + comment.path("replyCount").asText("0")
                        + " replies  " + comment.path("text").asText());
            }
            Texts.nextPage(output, page);
            return ExitCode.OK;
        }
    }

    @Command(name = "add", description = "Comment on a video.")
    public static class AddComment implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "VIDEO_ID")
        String videoId;

        @Parameters(index = "1", paramLabel = "TEXT")
        String text;

        private final Api api;
        private final Output output;

        public AddComment(Api api, Output output) {
            this.api = api;
            this.output = output;
        }

        @Override
        public Integer call() {
            return post(api, output, videoId, text, null);
        }
    }

    @Command(name = "reply", description = "Reply to a comment of a video.")
    public static class ReplyToComment implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "VIDEO_ID")
        String videoId;

        @Parameters(index = "1", paramLabel = "COMMENT_ID")
        String commentId;

        @Parameters(index = "2", paramLabel = "TEXT")
        String text;

        private final Api api;
        private final Output output;

        public ReplyToComment(Api api, Output output) {
            this.api = api;
            this.output = output;
        }

        @Override
        public Integer call() {
            return post(api, output, videoId, text, commentId);
        }
    }

    private static int post(Api api, Output output, String videoId, String text, String parentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        if (parentId != null) {
            body.put("parentCommentId", parentId);
        }
        body.put("requestId", UUID.randomUUID().toString());
        JsonNode added = api.post("/v1/videos/" + Api.segment(videoId) + "/comments", body, Access.SIGNED_IN);
        if (output.json()) {
            output.document(added);
        } else {
            output.line(added.path("comment").path("commentId").asText());
        }
        return ExitCode.OK;
    }
}
