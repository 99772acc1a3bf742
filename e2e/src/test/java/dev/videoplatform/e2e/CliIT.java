package dev.videoplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestClips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code vp} (cli/target/quarkus-app) as a user runs it, against user-, upload-,
 * transcode-, search-, comment- and admin-service behind the edge: an upload killed halfway
 * resumes from the server's committed offset and becomes READY; the JSON output of videos,
 * search, watch-status and comments parses; wrong credentials, a missing file and a non-admin
 * ban give one clear line and their documented exit codes; an admin's ban takes the video out
 * of search; an expired or refused access token is refreshed with the refresh token.
 */
class CliIT {

    private static final Path WORK = Path.of("target", "e2e-cli").toAbsolutePath();
    private static final Path CLI = Path.of("..", "cli", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ProcessGroup PROCESSES = new ProcessGroup(WORK);
    private static ServiceProcess edge;
    private static String adminName;

    @BeforeAll
    static void startServices() throws Exception {
        adminName = "cliadmin" + UUID.randomUUID().toString().substring(0, 8);
        ServiceProcess users = PROCESSES.startUserService("cli_users", Map.of("videoplatform.user.admins", adminName));
        // Signed upload URLs point at the edge, as `make run`'s do: its port is chosen before upload-service starts.
        int edgePort = ServiceProcess.freePort();
        ServiceProcess upload = PROCESSES.startUploadService("cli_videos",
                Map.of("videoplatform.upload.public-url", "http://127.0.0.1:" + edgePort));
        Map<String, String> transcode = PROCESSES.config();
        transcode.put("videoplatform.transcode.progress-interval", "500ms");
        PROCESSES.start("transcode-service", transcode);
        ServiceProcess search = PROCESSES.start("search-service", PROCESSES.config("cli_search"));
        ServiceProcess comments = PROCESSES.start("comment-service", PROCESSES.config("cli_comments"));
        ServiceProcess admin = PROCESSES.start("admin-service", PROCESSES.config("cli_admin"));

        Map<String, String> edgeConfig = new HashMap<>();
        Map.of("videoplatform.user.v1.UserService", users, "videoplatform.upload.v1.UploadService", upload,
                "videoplatform.upload.v1.VideoService", upload, "videoplatform.search.v1.SearchService", search,
                "videoplatform.comment.v1.CommentService", comments, "videoplatform.admin.v1.AdminService", admin)
                .forEach((service, process) -> edgeConfig.put("edge.upstreams.\"" + service + "\"", "127.0.0.1:" + process.port()));
        edgeConfig.put("edge.uploads", "127.0.0.1:" + upload.port());
        edgeConfig.put("edge.rate-limit.requests-per-second", "1000000");
        edgeConfig.put("edge.rate-limit.burst", "1000000");
        edge = ServiceProcess.start(Path.of("..", "edge", "target", "quarkus-app", "quarkus-run.jar"), edgeConfig,
                WORK.resolve("edge.log"), "/healthz", edgePort);
        register(adminName);
    }

    @AfterAll
    static void stopServices() {
        if (edge != null) {
            edge.close();
        }
        PROCESSES.close();
    }

    @Test
    void anInterruptedUploadResumesFromTheServersCommittedOffsetAndBecomesReady() throws Exception {
        String owner = register("owner" + UUID.randomUUID().toString().substring(0, 8));
        Path ownerConfig = WORK.resolve("config-owner");
        String ownerId = json(vp(ownerConfig, PASSWORD, "login", owner, "--password-stdin", "-o", "json")).path("userId").asText();
        // Noise at up to 80 Mbit/s: tens of MB, sent in 1 MiB chunks at 8 MiB/s, so the kill lands mid-upload.
        Path clip = TestClips.noisyMp4(WORK.resolve("noise.mp4"), 640, 360, 4, 80);
        long size = Files.size(clip);
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String[] upload = {"upload", clip.toString(), "--title", "Rain " + word, "--chunk-size", "1M",
                "--limit-rate", "8M", "--output", "json"};

        String token = login(owner);
        Process first = start(ownerConfig, null, upload);
        String uploadId = await(Duration.ofSeconds(30), "the upload remembered", () -> rememberedUpload(ownerConfig));
        await(Duration.ofSeconds(30), "3 MiB committed", () -> committed(uploadId, token) >= 3 << 20 ? "yes" : null);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        // A chunk whose bytes all arrived before the kill may still be counted: wait until the count stands still.
        long committed = settledCommitted(uploadId, token);
        assertTrue(committed > 0 && committed < size, "committed " + committed + " of " + size);
        assertTrue(size > 20 << 20, "a clip of " + size + " bytes");

        Run second = vp(ownerConfig, null, upload);
        assertEquals(0, second.exit(), second.toString());
        JsonNode result = JSON.readTree(second.out());
        assertTrue(result.path("resumed").asBoolean(), second.out());
        assertEquals(committed, result.path("resumedFromBytes").asLong(), second.out());
        assertEquals(size, result.path("sizeBytes").asLong());
        assertEquals("VIDEO_STATUS_READY", result.path("status").asText(), second.out());
        String videoId = result.path("videoId").asText();

        assertTrue(json(vp(ownerConfig, null, "videos", "-o", "json")).path("videos").findValuesAsText("videoId").contains(videoId));
        assertEquals("VIDEO_STATUS_READY", json(vp(ownerConfig, null, "watch-status", videoId, "-o", "json")).path("status").asText());
        awaitSearch(ownerConfig, word, found -> found.contains(videoId), "--order", "DATE", "--min-duration", "1",
                "--channel", ownerId);
        String commentId = json(vp(ownerConfig, null, "comments", "add", videoId, "first!", "-o", "json"))
                .path("comment").path("commentId").asText();
        String replyId = json(vp(ownerConfig, null, "comments", "reply", videoId, commentId, "thanks", "-o", "json"))
                .path("comment").path("commentId").asText();
        assertTrue(json(vp(ownerConfig, null, "comments", "list", videoId, "--order", "NEWEST", "-o", "json")).path("comments")
                .findValuesAsText("commentId").contains(commentId));
        assertEquals(List.of(replyId), json(vp(ownerConfig, null, "comments", "list", videoId, "--replies-of", commentId,
                "-o", "json")).path("replies").findValuesAsText("commentId"));

        Run notAdmin = vp(ownerConfig, null, "admin", "ban", videoId, "--reason", "mine");
        assertEquals(7, notAdmin.exit(), notAdmin.toString());
        Path adminConfig = WORK.resolve("config-admin");
        assertEquals(0, vp(adminConfig, PASSWORD, "login", adminName, "--password-stdin").exit());
        Run ban = vp(adminConfig, null, "admin", "ban", videoId, "--reason", "policy breach", "-o", "json");
        assertEquals(0, ban.exit(), ban.toString());
        json(ban);
        awaitSearch(ownerConfig, word, found -> !found.contains(videoId));
        json(vp(adminConfig, null, "admin", "suspend", ownerId, "--reason", "spam", "--until", "2099-01-01T00:00:00Z", "-o", "json"));
        json(vp(adminConfig, null, "admin", "reinstate", ownerId, "--reason", "appeal upheld", "-o", "json"));
    }

    @Test
    void wrongCredentialsAndAMissingFileGiveOneClearLineAndTheirExitCodes() throws Exception {
        Path config = WORK.resolve("config-stranger");
        Run wrong = vp(config, "not the password", "login", adminName, "--password-stdin");
        assertEquals(3, wrong.exit(), wrong.toString());
        assertTrue(wrong.err().startsWith("vp: sign-in failed") && wrong.err().strip().lines().count() == 1, wrong.err());
        assertFalse(Files.exists(config.resolve("vp").resolve("session.json")));

        Run missing = vp(config, null, "upload", WORK.resolve("no-such-clip.mp4").toString(), "--title", "x");
        assertEquals(4, missing.exit(), missing.toString());
        assertEquals("vp: no such file: " + WORK.resolve("no-such-clip.mp4"), missing.err().strip());
        assertEquals("", missing.out());
    }

    @Test
    void anExpiredOrRefusedAccessTokenIsRefreshedWithTheRefreshToken() throws Exception {
        String user = register("viewer" + UUID.randomUUID().toString().substring(0, 8));
        Path config = WORK.resolve("config-viewer");
        assertEquals(0, vp(config, PASSWORD, "login", user, "--password-stdin", "-o", "json").exit());
        Path sessionFile = config.resolve("vp").resolve("session.json");

        ObjectNode session = (ObjectNode) JSON.readTree(sessionFile.toFile());
        session.put("accessTokenExpiresAt", "2000-01-01T00:00:00Z");
        JSON.writeValue(sessionFile.toFile(), session);
        json(vp(config, null, "videos", "-o", "json"));
        JsonNode refreshed = JSON.readTree(sessionFile.toFile());
        assertFalse(refreshed.path("refreshToken").asText().equals(session.path("refreshToken").asText()), "rotated");

        ObjectNode refused = (ObjectNode) refreshed;
        refused.put("accessToken", "not-a-token");
        JSON.writeValue(sessionFile.toFile(), refused);
        json(vp(config, null, "videos", "-o", "json"));
        assertFalse(JSON.readTree(sessionFile.toFile()).path("accessToken").asText().equals("not-a-token"));

        assertEquals(0, vp(config, null, "logout").exit());
        Run signedOut = vp(config, null, "videos");
        assertEquals(3, signedOut.exit(), signedOut.toString());
    }

    /** One finished run of the cli: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {
    }

    /** Runs {@code vp args} with its config under {@code config}, {@code stdin} as its input, to the end. */
    private static Run vp(Path config, String stdin, String... args) throws Exception {
        Process process = start(config, stdin, args);
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("vp " + String.join(" ", args) + " did not finish in 150 s");
        }
        Path outputs = WORK.resolve("runs");
        return new Run(process.exitValue(), Files.readString(outputs.resolve(process.pid() + ".out")),
                Files.readString(outputs.resolve(process.pid() + ".err")));
    }

    private static Process start(Path config, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", CLI.toString()));
        command.addAll(List.of(args));
        Path outputs = Files.createDirectories(WORK.resolve("runs"));
        Path out = Files.createTempFile(outputs, "run", ".out");
        Path err = Files.createTempFile(outputs, "run", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("XDG_CONFIG_HOME", config.toString());
        builder.environment().put("VP_SERVER", edge.baseUrl());
        Process process = builder.start();
        Files.move(out, outputs.resolve(process.pid() + ".out"));
        Files.move(err, outputs.resolve(process.pid() + ".err"));
        try (var input = process.getOutputStream()) {
            if (stdin != null) {
                input.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return process;
    }

    private static JsonNode json(Run run) throws Exception {
        assertEquals(0, run.exit(), run.toString());
        return JSON.readTree(run.out());
    }

    /** Searches through the cli until the video ids found satisfy {@code expected} (the index follows events). */
    private static void awaitSearch(Path config, String word, Predicate<List<String>> expected, String... filters)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("search", word, "-o", "json"));
        args.addAll(List.of(filters));
        await(Duration.ofSeconds(30), "search for " + args, () -> {
            List<String> found = json(vp(config, null, args.toArray(String[]::new))).path("results").findValuesAsText("videoId");
            return expected.test(found) ? "ok" : null;
        });
    }

    /** The upload id in the cli's resume state, once it is there. */
    private static String rememberedUpload(Path config) throws Exception {
        Path state = config.resolve("vp").resolve("uploads.json");
        if (!Files.isRegularFile(state)) {
            return null;
        }
        List<String> ids = JSON.readTree(state.toFile()).path("byFile").findValuesAsText("uploadId");
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static long settledCommitted(String uploadId, String token) throws Exception {
        long previous = -1;
        long now = committed(uploadId, token);
        while (now != previous) {
            Thread.sleep(500);
            previous = now;
            now = committed(uploadId, token);
        }
        return now;
    }

    private static long committed(String uploadId, String token) throws Exception {
        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/v1/uploads/" + uploadId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode(), status.body());
        return JSON.readTree(status.body()).path("committedBytes").asLong();
    }

    private static String register(String username) throws Exception {
        post("/v1/users:register", Map.of("username", username, "email", username + "@example.com", "password", PASSWORD,
                "displayName", username));
        return username;
    }

    private static String login(String username) throws Exception {
        return post("/v1/users:login", Map.of("usernameOrEmail", username, "password", PASSWORD)).path("accessToken").asText();
    }

    private static JsonNode post(String path, Map<String, String> body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(edge.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    /** Something that may not be there yet: null until it is. */
    interface Probe {
        String get() throws Exception;
    }

    private static String await(Duration timeout, String what, Probe probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
