package dev.videoplatform.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.api.Api;
import dev.videoplatform.cli.api.Api.Access;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vp admin ban|unban|suspend|reinstate}: moderation, for accounts with the admin role. */
@Command(name = "admin", description = "Moderation (admin role): ban and unban videos, suspend and reinstate users.",
        subcommands = {AdminCommand.Ban.class, AdminCommand.Unban.class, AdminCommand.Suspend.class,
                AdminCommand.Reinstate.class})
public class AdminCommand {

    /** One moderation action: a POST with the reason and a request id (safe to retry), its audit entry as the result. */
    abstract static class Action implements Callable<Integer> {

        @Option(names = "--reason", required = true, description = "why (kept in the audit log)")
        String reason;

        private final Api api;
        private final Output output;

        Action(Api api, Output output) {
            this.api = api;
            this.output = output;
        }

        abstract String path();

        void addTo(Map<String, Object> body) {
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reason", reason);
            body.put("requestId", UUID.randomUUID().toString());
            addTo(body);
            JsonNode answer = api.post(path(), body, Access.SIGNED_IN);
            if (output.json()) {
                output.document(answer);
            } else {
                JsonNode entry = answer.path("auditEntry");
                output.line("done" + (entry.has("entryId") ? " (audit entry " + entry.path("entryId").asText() + ")" : ""));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "ban", description = "Ban a video: it disappears from catalog, playback, search and comments.")
    public static class Ban extends Action {

        @Parameters(paramLabel = "VIDEO_ID")
        String videoId;

        @Option(names = "--copyright-claimant", description = "ban on a copyright claim by this claimant")
        String claimant;

        public Ban(Api api, Output output) {
            super(api, output);
        }

        @Override
        String path() {
            return "/v1/videos/" + Api.segment(videoId) + ":ban";
        }

        @Override
        void addTo(Map<String, Object> body) {
            if (claimant != null) {
                body.put("ground", "BAN_GROUND_COPYRIGHT");
                body.put("copyrightClaimant", claimant);
            }
        }
    }

    @Command(name = "unban", description = "Lift a video's ban.")
    public static class Unban extends Action {

        @Parameters(paramLabel = "VIDEO_ID")
        String videoId;

        public Unban(Api api, Output output) {
            super(api, output);
        }

        @Override
        String path() {
            return "/v1/videos/" + Api.segment(videoId) + ":unban";
        }
    }

    @Command(name = "suspend", description = "Suspend a user: no sign-in, their videos and comments hidden.")
    public static class Suspend extends Action {

        @Parameters(paramLabel = "USER_ID")
        String userId;

        @Option(names = "--until", paramLabel = "TIME", description = "end of the suspension, RFC 3339 (default: until reinstated)")
        String until;

        @Spec
        CommandSpec spec;

        public Suspend(Api api, Output output) {
            super(api, output);
        }

        @Override
        String path() {
            return "/v1/users/" + Api.segment(userId) + ":suspend";
        }

        @Override
        void addTo(Map<String, Object> body) {
            if (until != null) {
                try {
                    body.put("endTime", Instant.parse(until).toString());
                } catch (DateTimeParseException e) {
                    throw new ParameterException(spec.commandLine(), "--until: '" + until
                            + "' is not an RFC 3339 time such as 2026-12-31T00:00:00Z");
                }
            }
        }
    }

    @Command(name = "reinstate", description = "End a user's suspension.")
    public static class Reinstate extends Action {

        @Parameters(paramLabel = "USER_ID")
        String userId;

        public Reinstate(Api api, Output output) {
            super(api, output);
        }

        @Override
        String path() {
            return "/v1/users/" + Api.segment(userId) + ":reinstate";
        }
    }
}
