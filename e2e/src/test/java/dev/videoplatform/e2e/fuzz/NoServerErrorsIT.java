package dev.videoplatform.e2e.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.GrpcReflection;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestServiceIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "No client-facing RPC answers 5xx to any input": user-, upload-, streaming-, search-, comment-, analytics-, admin- and
 * notification-, recommendation-service and the
 * edge run as processes on one devstack; every RPC those services expose over HTTP (found in the
 * contracts, so new ones are covered) gets random hostile requests through the edge, with and
 * without an access token. No answer may be 5xx, and every error must be a JSON object.
 * Seeded ({@code -Dfuzz.seed=...} repeats a run) and bounded ({@code -Dfuzz.inputs-per-route}).
 */
class NoServerErrorsIT {

    private static final Path WORK = Path.of("target", "e2e-fuzz").toAbsolutePath();
    private static final Map<String, String> UPSTREAM_SERVICES = Map.of(
            "videoplatform.user.v1.UserService", "user-service",
            "videoplatform.upload.v1.UploadService", "upload-service",
            "videoplatform.upload.v1.VideoService", "upload-service",
            "videoplatform.streaming.v1.StreamingService", "streaming-service",
            "videoplatform.search.v1.SearchService", "search-service",
            "videoplatform.comment.v1.CommentService", "comment-service",
            "videoplatform.analytics.v1.AnalyticsService", "analytics-service",
            "videoplatform.admin.v1.AdminService", "admin-service",
            "videoplatform.notification.v1.NotificationService", "notification-service",
            "videoplatform.recommendation.v1.RecommendationService", "recommendation-service");
    private static final String UNLIMITED = "1000000";
    private static final List<ServiceProcess> PROCESSES = new ArrayList<>();
    private static ServiceProcess edge;
    private static Map<String, ServiceProcess> services;

    @BeforeAll
    static void startServices() throws Exception {
        DevstackSettings stack = Devstack.shared().settings();
        Devstack.shared().createDatabase("fuzz_users");
        Devstack.shared().createDatabase("fuzz_videos");
        Path blobs = Files.createDirectories(WORK.resolve("blobs"));
        Map<String, String> common = new HashMap<>(Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "quarkus.redis.hosts", stack.redisUrl(), "videoplatform.blob.root", blobs.toString(),
                "videoplatform.page-token.secret", "e2e-page-secret",
                "videoplatform.service-identity.key", TestServiceIdentity.key()));
        // The services' Redis limiter must not stand between the inputs and the code under test.
        for (String rateClass : List.of("read", "write", "auth", "heavy")) {
            common.put("videoplatform.rate-limit." + rateClass + "-requests", UNLIMITED);
        }
        Map<String, String> users = new HashMap<>(common);
        users.putAll(stack.quarkusConfig("fuzz_users"));
        users.put("videoplatform.user.signing-key.location", WORK.resolve("jwt-signing-key.pem").toString());
        users.put("videoplatform.user.signing-key.generate-if-missing", "true");
        ServiceProcess user = start("user-service", users);
        common.put("videoplatform.auth.jwks-url", user.baseUrl() + "/.well-known/jwks.json");

        Map<String, String> uploads = new HashMap<>(common);
        uploads.putAll(stack.quarkusConfig("fuzz_videos"));
        uploads.put("videoplatform.upload.url-secret", "e2e-url-secret");
        uploads.put("quarkus.grpc.clients.user.host", "127.0.0.1");
        uploads.put("quarkus.grpc.clients.user.port", Integer.toString(user.port()));
        ServiceProcess upload = start("upload-service", uploads);

        Map<String, String> streams = new HashMap<>(common);
        streams.put("videoplatform.streaming.playback-token-secret", "e2e-playback-secret");
        streams.put("quarkus.grpc.clients.upload.host", "127.0.0.1");
        streams.put("quarkus.grpc.clients.upload.port", Integer.toString(upload.port()));
        ServiceProcess streaming = start("streaming-service", streams);

        Devstack.shared().createDatabase("fuzz_search");
        Map<String, String> searches = new HashMap<>(common);
        searches.putAll(stack.quarkusConfig("fuzz_search"));
        ServiceProcess search = start("search-service", searches);

        Devstack.shared().createDatabase("fuzz_comments");
        Map<String, String> comments = new HashMap<>(common);
        comments.putAll(stack.quarkusConfig("fuzz_comments"));
        comments.putAll(Map.of("quarkus.grpc.clients.upload.host", "127.0.0.1",
                "quarkus.grpc.clients.upload.port", Integer.toString(upload.port()),
                "quarkus.grpc.clients.user.host", "127.0.0.1", "quarkus.grpc.clients.user.port", Integer.toString(user.port())));
        ServiceProcess comment = start("comment-service", comments);

        Devstack.shared().createDatabase("fuzz_analytics");
        Map<String, String> views = new HashMap<>(common);
        views.putAll(stack.quarkusConfig("fuzz_analytics"));
        views.put("kafka-streams.state.dir", WORK.resolve("streams").toString());
        ServiceProcess analytics = start("analytics-service", views);

        Devstack.shared().createDatabase("fuzz_admin");
        Map<String, String> moderation = new HashMap<>(common);
        moderation.putAll(stack.quarkusConfig("fuzz_admin"));
        moderation.putAll(Map.of("quarkus.grpc.clients.upload.host", "127.0.0.1",
                "quarkus.grpc.clients.upload.port", Integer.toString(upload.port()),
                "quarkus.grpc.clients.user.host", "127.0.0.1", "quarkus.grpc.clients.user.port", Integer.toString(user.port())));
        ServiceProcess admin = start("admin-service", moderation);

        Devstack.shared().createDatabase("fuzz_notifications");
        Map<String, String> inboxes = new HashMap<>(common);
        inboxes.putAll(stack.quarkusConfig("fuzz_notifications"));
        inboxes.putAll(Map.of("quarkus.grpc.clients.user.host", "127.0.0.1",
                "quarkus.grpc.clients.user.port", Integer.toString(user.port()), "quarkus.mailer.mock", "true"));
        ServiceProcess notification = start("notification-service", inboxes);

        Map<String, String> recommendations = new HashMap<>(common);
        recommendations.putAll(Map.of("quarkus.grpc.clients.analytics.host", "127.0.0.1",
                "quarkus.grpc.clients.analytics.port", Integer.toString(analytics.port()),
                "quarkus.grpc.clients.upload.host", "127.0.0.1", "quarkus.grpc.clients.upload.port", Integer.toString(upload.port()),
                "quarkus.grpc.clients.user.host", "127.0.0.1", "quarkus.grpc.clients.user.port", Integer.toString(user.port())));
        ServiceProcess recommendation = start("recommendation-service", recommendations);

        services = Map.of("user-service", user, "upload-service", upload, "streaming-service", streaming,
                "search-service", search, "comment-service", comment, "analytics-service", analytics, "admin-service", admin,
                "notification-service", notification, "recommendation-service", recommendation);
        Map<String, String> edgeConfig = new HashMap<>();
        UPSTREAM_SERVICES.forEach((service, process) ->
                edgeConfig.put("edge.upstreams.\"" + service + "\"", "127.0.0.1:" + services.get(process).port()));
        edgeConfig.put("edge.streaming", "127.0.0.1:" + streaming.port());
        edgeConfig.put("edge.uploads", "127.0.0.1:" + upload.port());
        edgeConfig.put("edge.notifications", "127.0.0.1:" + notification.port());
        // The edge's per-IP limit likewise: every input here comes from 127.0.0.1.
        edgeConfig.put("edge.rate-limit.requests-per-second", UNLIMITED);
        edgeConfig.put("edge.rate-limit.burst", UNLIMITED);
        edge = ServiceProcess.start(Path.of("..", "edge", "target", "quarkus-app", "quarkus-run.jar"), edgeConfig,
                WORK.resolve("edge.log"), "/healthz");
        PROCESSES.add(edge);
    }

    private static ServiceProcess start(String service, Map<String, String> config) throws Exception {
        ServiceProcess process = ServiceProcess.start(Path.of("..", "services", service, "target", "quarkus-app", "quarkus-run.jar"),
                config, WORK.resolve(service + ".log"));
        PROCESSES.add(process);
        return process;
    }

    @AfterAll
    static void stopServices() {
        PROCESSES.forEach(ServiceProcess::close);
    }

    /** Tools such as grpcurl find every client-facing service's contracts without a copy of the protos. */
    @Test
    void everyServiceListsItsContractsToAReflectionClient() throws Exception {
        for (Map.Entry<String, String> contract : UPSTREAM_SERVICES.entrySet()) {
            Set<String> listed = GrpcReflection.services(services.get(contract.getValue()));
            assertTrue(listed.contains(contract.getKey()), contract.getValue() + " lists " + listed);
            assertTrue(listed.contains("grpc.health.v1.Health"), contract.getValue() + " lists " + listed);
        }
    }

    @Test
    void noInputMakesAClientFacingRpcAnswer5xx() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int perRoute = Integer.getInteger("fuzz.inputs-per-route", 120);
        System.out.println("NoServerErrorsIT seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Account account = Account.register(http, edge.baseUrl());
        ClientRoutes contracts = ClientRoutes.of(UPSTREAM_SERVICES.keySet());
        assertTrue(contracts.routes.size() > 10, "the routes come from the descriptor set: " + contracts.routes.size());

        Random random = new Random(seed);
        RandomInputs inputs = new RandomInputs(random, contracts, List.of(account.userId, account.username));
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        int retried = 0;
        long started = System.nanoTime();
        for (ClientRoutes.Route route : contracts.routes) {
            String name = route.rpc() + " " + route.verb() + " " + route.path();
            int[] count = counts.computeIfAbsent(name, k -> new int[3]);
            for (int i = 0; i < perRoute; i++) {
                RandomInputs.Input input = inputs.next(route);
                Outcome outcome = send(http, input, account.accessToken, route.serverStreaming());
                if (outcome.status == 503) {
                    // A dependency that did not answer in time (this CPU is shared) says "retry";
                    // the same input then must not fail again. Past a circuit breaker's 5 s delay.
                    retried++;
                    Thread.sleep(6000);
                    outcome = send(http, input, account.accessToken, route.serverStreaming());
                }
                count[0]++;
                if (outcome.status / 100 == 2) {
                    count[1]++;
                } else if (outcome.status == 429) {
                    count[2]++;
                }
                if (outcome.problem != null) {
                    failures.putIfAbsent(name + " → " + outcome.problem, input.describe());
                }
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        int total = counts.values().stream().mapToInt(c -> c[0]).sum();
        System.out.printf("NoServerErrorsIT: %d inputs over %d routes in %d s (seed %d, %d retried after a 503)%n", total,
                counts.size(), seconds, seed, retried);
        counts.forEach((route, c) -> System.out.printf("  %5d inputs (%d 2xx, %d 429)  %s%n", c[0], c[1], c[2], route));
        failures.forEach((problem, input) -> System.out.println("  FAILURE " + problem + "\n    input: " + input));
        assertTrue(failures.isEmpty(), failures.size() + " kinds of bad answers (seed " + seed + "): " + failures.keySet());
        int limited = counts.values().stream().mapToInt(c -> c[2]).sum();
        assertTrue(limited < total / 100, limited + " of " + total + " inputs were rate limited: coverage lost");
    }

    /** What came back; {@code problem} says what is wrong with it, if anything. */
    private record Outcome(int status, String problem) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Sends {@code input}. A stream that was accepted stays open while the client listens, so for
     * a server-streaming RPC only a 2xx's headers are waited for (5 s), then the call is dropped;
     * refusals are read whole like any other answer.
     */
    private static Outcome send(HttpClient http, RandomInputs.Input input, String token, boolean stream) throws InterruptedException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(edge.baseUrl() + input.pathAndQuery()))
                    .timeout(Duration.ofSeconds(stream ? 5 : 20));
        } catch (IllegalArgumentException notAUri) {
            return new Outcome(0, "the test made an invalid URI: " + notAUri.getMessage());
        }
        request.method(input.verb(), input.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(input.body()));
        if (input.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (input.withToken()) {
            request.header("Authorization", "Bearer " + token);
        }
        Answer response;
        try {
            response = stream ? Answer.headersIfAccepted(http, request.build()) : Answer.whole(http, request.build());
        } catch (HttpTimeoutException e) {
            return new Outcome(0, "no answer within " + (stream ? 5 : 20) + " s");
        } catch (IOException e) {
            return new Outcome(0, "connection failed: " + e);
        }
        int status = response.statusCode();
        if (status >= 500) {
            return new Outcome(status, status + " " + new String(response.body(), 0, Math.min(200, response.body().length),
                    StandardCharsets.UTF_8));
        }
        if (status / 100 != 2) {
            String type = response.headers().firstValue("content-type").orElse("");
            if (!type.startsWith("application/json")) {
                return new Outcome(status, status + " with content-type '" + type + "'");
            }
            try {
                JsonNode body = JSON.readTree(response.body());
                if (body == null || !body.isObject()) {
                    return new Outcome(status, status + " with a JSON body that is no object");
                }
            } catch (IOException e) {
                return new Outcome(status, status + " with a body that is no JSON");
            }
        }
        return new Outcome(status, null);
    }

    /** What came back: for an accepted stream, the status and headers only (the call is dropped). */
    private record Answer(int statusCode, HttpHeaders headers, byte[] body) {

        static Answer whole(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        }

        static Answer headersIfAccepted(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = response.statusCode() / 100 == 2 ? new byte[0] : in.readAllBytes();
                return new Answer(response.statusCode(), response.headers(), body);
            }
        }
    }

    /** A user registered and logged in through the edge, as an app would. */
    private record Account(String userId, String username, String accessToken) {

        static Account register(HttpClient http, String edge) throws Exception {
            String username = "fuzz" + Long.toHexString(System.nanoTime());
            String credentials = "\"password\":\"correct horse battery staple\"";
            JsonNode registered = post(http, edge + "/v1/users:register",
                    "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.com\"," + credentials + "}");
            JsonNode login = post(http, edge + "/v1/users:login", "{\"usernameOrEmail\":\"" + username + "\"," + credentials + "}");
            return new Account(registered.path("user").path("userId").asText(), username, login.path("accessToken").asText());
        }

        private static JsonNode post(HttpClient http, String url, String body) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() == 200, url + ": " + response.statusCode() + " " + response.body());
            return JSON.readTree(response.body());
        }
    }
}
