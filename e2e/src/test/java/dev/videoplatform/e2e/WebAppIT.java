package dev.videoplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestClips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web app in a real browser: every client-facing service and the edge (which serves the app)
 * as processes on one devstack, then the web module's Playwright journey (`web/tests`) in Debian's
 * headless Chromium against the edge. Screenshots of each page land in
 * {@code target/web-screenshots/}; Playwright's failure traces in {@code target/playwright/}.
 */
class WebAppIT {

    private static final Path WORK = Path.of("target", "e2e-web").toAbsolutePath();
    private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
    private static final String ADMIN_PASSWORD = "an admin password for the web test";
    private static final ProcessGroup PROCESSES = new ProcessGroup(WORK);
    private static final String ADMIN = "webadmin" + UUID.randomUUID().toString().substring(0, 8);
    private static ServiceProcess edge;

    @BeforeAll
    static void startServices() throws Exception {
        ServiceProcess user = PROCESSES.startUserService("web_users", Map.of("videoplatform.user.admins", ADMIN));
        ServiceProcess upload = PROCESSES.startUploadService("web_videos");
        Map<String, String> transcode = PROCESSES.config();
        transcode.put("videoplatform.transcode.progress-interval", "500ms");
        PROCESSES.start("transcode-service", transcode);
        Map<String, String> streams = PROCESSES.config();
        streams.put("videoplatform.streaming.playback-token-secret", "e2e-playback-secret");
        ServiceProcess streaming = PROCESSES.start("streaming-service", streams);
        ServiceProcess search = PROCESSES.start("search-service", PROCESSES.config("web_search"));
        ServiceProcess comment = PROCESSES.start("comment-service", PROCESSES.config("web_comments"));
        ServiceProcess admin = PROCESSES.start("admin-service", PROCESSES.config("web_admin"));
        ServiceProcess analytics = PROCESSES.startAnalyticsService("web_analytics");
        Map<String, String> inboxes = PROCESSES.config("web_notifications");
        inboxes.put("quarkus.mailer.mock", "true");
        ServiceProcess notification = PROCESSES.start("notification-service", inboxes);
        ServiceProcess recommendation = PROCESSES.start("recommendation-service", PROCESSES.config());

        Map<String, ServiceProcess> upstreams = Map.of("user.v1.UserService", user, "upload.v1.UploadService", upload,
                "upload.v1.VideoService", upload, "streaming.v1.StreamingService", streaming, "search.v1.SearchService", search,
                "comment.v1.CommentService", comment, "analytics.v1.AnalyticsService", analytics,
                "admin.v1.AdminService", admin, "notification.v1.NotificationService", notification,
                "recommendation.v1.RecommendationService", recommendation);
        Map<String, String> edgeConfig = new HashMap<>();
        upstreams.forEach((service, process) -> edgeConfig.put("edge.upstreams.\"videoplatform." + service + "\"", "127.0.0.1:" + process.port()));
        edgeConfig.put("edge.streaming", "127.0.0.1:" + streaming.port());
        edgeConfig.put("edge.uploads", "127.0.0.1:" + upload.port());
        edgeConfig.put("edge.notifications", "127.0.0.1:" + notification.port());
        edge = PROCESSES.startEdge(edgeConfig);

        // The first admin, named in user-service's config, registered before the browser starts.
        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/v1/users:register"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + ADMIN + "\",\"email\":\"" + ADMIN
                        + "@example.com\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, registered.statusCode(), registered.body());
    }

    @AfterAll
    static void stopServices() {
        PROCESSES.close();
    }

    @Test
    void theJourneyOfIssue26PassesInChromium() throws Exception {
        // 20 s at 640x360: two rungs (240p, 360p) for the quality switch, transcoded in seconds.
        Path clip = TestClips.mp4(WORK.resolve("clip.mp4"), 640, 360, 20, true);
        Path screenshots = Files.createDirectories(Path.of("target", "web-screenshots").toAbsolutePath());
        // Through a file: the forked test JVM's own stdout is failsafe's channel.
        Path output = WORK.resolve("playwright.log");
        ProcessBuilder playwright = new ProcessBuilder(List.of("npx", "--no-install", "playwright", "test"))
                .directory(WEB.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        playwright.environment().putAll(Map.of("WEB_BASE_URL", edge.baseUrl(), "WEB_CLIP", clip.toString(),
                "WEB_SCREENSHOTS", screenshots.toString(), "WEB_TEST_OUTPUT", Path.of("target", "playwright").toAbsolutePath().toString(),
                "WEB_ADMIN_USER", ADMIN, "WEB_ADMIN_PASSWORD", ADMIN_PASSWORD, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "CI", "1"));
        Process run = playwright.start();
        if (!run.waitFor(4, TimeUnit.MINUTES)) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly().waitFor();
        }
        System.out.print(Files.readString(output));
        assertEquals(0, run.exitValue(), "Playwright failed (output above; traces in target/playwright)");
    }
}
