package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The edge in front of a real gRPC server whose contract the edge knows only from a descriptor set
 * built by the test build: every request below reaches an RPC no edge code names.
 */
@QuarkusTest
@QuarkusTestResource(value = UpstreamsTestResource.class, restrictToAnnotatedClass = true)
class EdgeTranscodingTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TestHTTPResource("/")
    URI edge;

    @Test
    void getBindsPathVariablesAndPrintsDefaults() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/shelves/a%20b", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(json(response)).isEqualTo(JsonParser.parseString("{\"shelfId\":\"a b\",\"theme\":\"theme of a b\",\"bookCount\":0}"));
    }

    @Test
    void bindsMultiSegmentVariablesWildcardsAndResponseBody() throws Exception {
        assertThat(json(send("GET", "/v1/shelves/s1/books/b2", null)).getAsJsonObject().get("name").getAsString())
                .isEqualTo("shelves/s1/books/b2");
        assertThat(json(send("GET", "/v1/files/a/b/c.txt", null)).getAsJsonObject().get("path").getAsString())
                .isEqualTo("a/b/c.txt");
        HttpResponse<String> title = send("GET", "/v1/shelves/s1/books/b2/title", null);
        assertThat(title.statusCode()).isEqualTo(200);
        assertThat(json(title).getAsString()).isEqualTo("Title of shelves/s1/books/b2");
    }

    @Test
    void postWithWholeBodyAndCustomVerb() throws Exception {
        HttpResponse<String> response = send("POST", "/v1/shelves/s1/books:checkout", "{\"bookNames\":[\"x\",\"y\"],\"reader\":\"ann\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).getAsJsonObject().getAsJsonObject("received")).isEqualTo(
                JsonParser.parseString("{\"shelfId\":\"s1\",\"bookNames\":[\"x\",\"y\"],\"reader\":\"ann\"}"));
    }

    @Test
    void theBodyIsJsonWhateverContentTypeTheClientClaims() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(edge.resolve("/v1/shelves/s1/books:checkout"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reader\":\"curl\"}"))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).getAsJsonObject().getAsJsonObject("received").get("reader").getAsString()).isEqualTo("curl");
    }

    @Test
    void postIntoANestedBodyField() throws Exception {
        HttpResponse<String> response = send("POST", "/v1/shelves/s1/books",
                "{\"title\":\"Dune\",\"genre\":\"GENRE_FICTION\",\"publishTime\":\"1965-08-01T00:00:00Z\"}");

        JsonObject book = json(response).getAsJsonObject();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(book.get("name").getAsString()).isEqualTo("shelves/s1/books/1");
        assertThat(book.get("title").getAsString()).isEqualTo("Dune");
        assertThat(book.get("genre").getAsString()).isEqualTo("GENRE_FICTION");
        assertThat(book.get("publishTime").getAsString()).isEqualTo("1965-08-01T00:00:00Z");
    }

    @Test
    void patchMergesNestedPathVariableBodyFieldAndFieldMaskQuery() throws Exception {
        HttpResponse<String> response = send("PATCH", "/v1/shelves/s1/books/b2?update_mask=title,author",
                "{\"title\":\"New title\",\"author\":\"Herbert\"}");

        JsonObject book = json(response).getAsJsonObject();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(book.get("name").getAsString()).isEqualTo("shelves/s1/books/b2");
        assertThat(book.get("title").getAsString()).isEqualTo("New title");
        assertThat(book.getAsJsonArray("tags")).containsExactly(JsonParser.parseString("\"title\""), JsonParser.parseString("\"author\""));
    }

    @Test
    void queryParametersFillScalarsRepeatedEnumsNestedFieldsAndWellKnownTypes() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/shelves/s1/books?page_size=5&genres=GENRE_SCIENCE&genres=GENRE_HISTORY"
                + "&filter.author=Le+Guin&filter.minPages=100&published_after=2021-01-01T00:00:00Z&max_reading_time=5400s&includeDrafts=true", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject received = json(response).getAsJsonObject().getAsJsonObject("received");
        assertThat(received).isEqualTo(JsonParser.parseString("{\"shelfId\":\"s1\",\"pageSize\":5,"
                + "\"genres\":[\"GENRE_SCIENCE\",\"GENRE_HISTORY\"],\"filter\":{\"author\":\"Le Guin\",\"minPages\":\"100\"},"
                + "\"publishedAfter\":\"2021-01-01T00:00:00Z\",\"maxReadingTime\":\"5400s\",\"includeDrafts\":true}"));
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() throws Exception {
        for (String path : List.of("/v1/shelves/s1/books?colour=red", "/v1/shelves/s1/books?genres=GENRE_POETRY",
                "/v1/shelves/s1/books?page_size=many", "/v1/shelves/s1/books?page_size=1&page_size=2",
                "/v1/shelves/s1/books?filter=x")) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json(response).getAsJsonObject().get("code").getAsInt()).as(path).isEqualTo(3);
        }
        for (String body : List.of("{not json", "{\"noSuchField\":1}", "[1]")) {
            HttpResponse<String> response = send("POST", "/v1/shelves/s1/books:checkout", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).getAsJsonObject().get("code").getAsInt()).as(body).isEqualTo(3);
        }
    }

    @Test
    void serverStreamIsNewlineDelimitedJsonFlushedAsMessagesArrive() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(edge.resolve("/v1/shelves/s9:watch?events=2&pause=1.5s")).GET().build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                arrivals.add(System.nanoTime());
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-ndjson");
        assertThat(lines).containsExactly("{\"shelfId\":\"s9\",\"sequence\":1}", "{\"shelfId\":\"s9\",\"sequence\":2}");
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).as("first line not held back").isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void aStreamFailingAfterItsFirstMessageEndsWithAnErrorLine() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/shelves/collapsing:watch?events=1", null);

        String[] lines = response.body().split("\n");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).hasSize(2);
        assertThat(JsonParser.parseString(lines[0]).getAsJsonObject().get("sequence").getAsInt()).isEqualTo(1);
        JsonObject error = JsonParser.parseString(lines[1]).getAsJsonObject().getAsJsonObject("error");
        assertThat(error.get("code").getAsInt()).isEqualTo(14);
        assertThat(error.get("message").getAsString()).isEqualTo("shelf collapsed");
    }

    @Test
    void invalidArgumentIs400WithFieldViolations() throws Exception {
        HttpResponse<String> response = fail("INVALID_ARGUMENT");

        JsonObject error = json(response).getAsJsonObject();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("code").getAsInt()).isEqualTo(3);
        assertThat(error.get("message").getAsString()).isEqualTo("title is too long");
        JsonObject detail = error.getAsJsonArray("details").get(0).getAsJsonObject();
        assertThat(detail.get("@type").getAsString()).isEqualTo("type.googleapis.com/google.rpc.BadRequest");
        assertThat(detail.getAsJsonArray("fieldViolations").get(0)).isEqualTo(
                JsonParser.parseString("{\"field\":\"book.title\",\"description\":\"at most 200 characters\",\"reason\":\"\"}"));
    }

    @Test
    void grpcCodesMapToHttpStatuses() throws Exception {
        assertThat(fail("UNAUTHENTICATED").statusCode()).isEqualTo(401);
        assertThat(fail("PERMISSION_DENIED").statusCode()).isEqualTo(403);
        HttpResponse<String> notFound = fail("NOT_FOUND");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(json(notFound)).isEqualTo(JsonParser.parseString("{\"code\":5,\"message\":\"asked to fail with NOT_FOUND\",\"details\":[]}"));
        assertThat(fail("ALREADY_EXISTS").statusCode()).isEqualTo(409);
        assertThat(fail("FAILED_PRECONDITION").statusCode()).isEqualTo(400);
        assertThat(fail("UNIMPLEMENTED").statusCode()).isEqualTo(501);
        assertThat(fail("INTERNAL").statusCode()).isEqualTo(500);
    }

    @Test
    void exhaustionAndUnavailabilityCarryRetryAfter() throws Exception {
        HttpResponse<String> exhausted = fail("RESOURCE_EXHAUSTED");
        assertThat(exhausted.statusCode()).isEqualTo(429);
        assertThat(exhausted.headers().firstValue("retry-after")).as("2.3 s of RetryInfo, rounded up").hasValue("3");
        assertThat(json(exhausted).getAsJsonObject().getAsJsonArray("details").get(0).getAsJsonObject().get("retryDelay").getAsString())
                .isEqualTo("2.300s");

        HttpResponse<String> unavailable = fail("UNAVAILABLE_RETRY_AFTER");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("retry-after")).hasValue("7");
        assertThat(fail("NOT_FOUND").headers().firstValue("retry-after")).isEmpty();
    }

    @Test
    void upstreamCallsHaveADeadline() throws Exception {
        HttpResponse<String> slow = fail("SLOW");

        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(json(slow).getAsJsonObject().get("code").getAsInt()).isEqualTo(4);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        HttpResponse<String> unknown = send("GET", "/v1/nothing/here", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).getAsJsonObject().get("code").getAsInt()).isEqualTo(5);

        HttpResponse<String> wrongMethod = send("DELETE", "/v1/shelves/s1", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("GET");
        assertThat(json(wrongMethod).getAsJsonObject().get("code").getAsInt()).isEqualTo(12);
    }

    @Test
    void servesTheWebAppOutsideV1WithIndexFallbackAndImmutableAssets() throws Exception {
        for (String route : List.of("/", "/watch/abc", "/search?q=x")) {
            HttpResponse<String> page = send("GET", route, null);
            assertThat(page.statusCode()).as(route).isEqualTo(200);
            assertThat(page.body()).as(route).contains("test app");
            assertThat(page.headers().firstValue("content-type")).as(route).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.headers().firstValue("cache-control")).as(route).hasValue("no-cache");
        }
        HttpResponse<String> asset = send("GET", "/assets/app-1a2b3c.js", null);
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.body()).contains("console.log");
        assertThat(asset.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");

        HttpResponse<String> missingFile = send("GET", "/assets/gone-123.js", null);
        assertThat(missingFile.statusCode()).isEqualTo(404);
        assertThat(json(missingFile).getAsJsonObject().get("code").getAsInt()).isEqualTo(5);
        assertThat(send("GET", "/../../etc/passwd.txt", null).statusCode()).isEqualTo(404);
        // API paths never fall back to the page: their errors stay JSON.
        HttpResponse<String> api = send("GET", "/v1/no/such/route", null);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(json(api).getAsJsonObject().get("code").getAsInt()).isEqualTo(5);
        assertThat(send("POST", "/watch/abc", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "{\"reader\":\"" + "x".repeat(100_000) + "\"}";

        HttpResponse<String> response = send("POST", "/v1/shelves/s1/books:checkout", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).getAsJsonObject().get("code").getAsInt()).isEqualTo(3);
    }

    @Test
    void forwardsAuthorizationRequestIdAndTheRealClientAddress() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(edge.resolve("/v1/whoami"))
                .header("authorization", "Bearer abc.def.ghi")
                .header("x-request-id", "req-123")
                .header("x-forwarded-for", "6.6.6.6")
                .GET().build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JsonParser.parseString(
                "{\"authorization\":\"Bearer abc.def.ghi\",\"requestId\":\"req-123\",\"forwardedFor\":\"127.0.0.1\"}"));
        assertThat(response.headers().firstValue("x-request-id")).hasValue("req-123");
        String first = send("GET", "/v1/whoami", null).headers().firstValue("x-request-id").orElseThrow();
        String second = send("GET", "/v1/whoami", null).headers().firstValue("x-request-id").orElseThrow();
        assertThat(List.of(first, second)).as("fresh random (version 4, IETF variant) UUIDs")
                .allSatisfy(id -> assertThat(UUID.fromString(id)).satisfies(uuid -> {
                    assertThat(uuid.version()).isEqualTo(4);
                    assertThat(uuid.variant()).isEqualTo(2);
                }));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anRpcOfAnotherTestOnlyServiceIsReachableWithoutEdgeCode() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/catalog/c7:count", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JsonParser.parseString("{\"catalogId\":\"c7\",\"count\":\"42\"}"));
    }

    @Test
    void anUnreachableUpstreamIs503() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/offline:ping", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).getAsJsonObject().get("code").getAsInt()).isEqualTo(14);
    }

    @Test
    void streamPathsPassThroughAsPlainHttpWithRanges() throws Exception {
        HttpResponse<String> whole = send("GET", "/stream/v1/master.m3u8?token=t", null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(StreamingServer.PLAYLIST);
        assertThat(whole.headers().firstValue("content-type")).hasValue("application/vnd.apple.mpegurl");
        assertThat(whole.headers().firstValue("x-seen-path")).hasValue("/stream/v1/master.m3u8?token=t");

        HttpRequest ranged = HttpRequest.newBuilder(edge.resolve("/stream/v1/master.m3u8")).header("range", "bytes=0-6").GET().build();
        HttpResponse<String> slice = HTTP.send(ranged, HttpResponse.BodyHandlers.ofString());
        assertThat(slice.statusCode()).isEqualTo(206);
        assertThat(slice.body()).isEqualTo("#EXTM3U");
        assertThat(slice.headers().firstValue("content-range")).hasValue("bytes 0-6/" + StreamingServer.PLAYLIST.length());
    }

    @Test
    void theEmailsUnsubscribeLinkPassesThroughAsPlainHttp() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(edge.resolve("/v1/notifications/unsubscribe?token=abc.def"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).isEqualTo("<p>GET /v1/notifications/unsubscribe?token=abc.def null </p>");

        // RFC 8058's one-click POST: a form body, not JSON, so it must not reach the transcoder.
        HttpRequest oneClick = HttpRequest.newBuilder(edge.resolve("/v1/notifications/unsubscribe?token=abc.def"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
        HttpResponse<String> done = HTTP.send(oneClick, HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo("<p>POST /v1/notifications/unsubscribe?token=abc.def "
                + "application/x-www-form-urlencoded List-Unsubscribe=One-Click</p>");
    }

    @Test
    void signedUploadPutsStreamThroughBeyondEveryEdgeLimit() throws Exception {
        long size = 64L << 20; // over Vert.x's 10 MiB default body limit and 1024 times the JSON limit here
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpRequest put = HttpRequest.newBuilder(edge.resolve("/uploads/u1?expires=1&max=2&sig=s"))
                .header("content-range", "bytes 0-" + (size - 1) + "/" + size)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new DigestInputStream(new SeededBytes(3, size, Duration.ZERO), sent)), size))
                .build();

        HttpResponse<String> answer = HTTP.send(put, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("PUT /uploads/u1?expires=1&max=2&sig=s bytes 0-" + (size - 1) + "/" + size + " " + size + " "
                + HexFormat.of().formatHex(sent.digest()));
    }

    @Test
    void aSlowUploadOutlivesTheDeadlineWhileItsBytesKeepComing() throws Exception {
        long size = 8 * 65_536;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        // 8 pieces 500 ms apart: 3.5 s in all, beyond the 2 s deadline, never 2 s without a byte.
        HttpRequest put = HttpRequest.newBuilder(edge.resolve("/uploads/slow"))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new DigestInputStream(new SeededBytes(4, size, Duration.ofMillis(500)), sent)), size))
                .build();

        HttpResponse<String> answer = HTTP.send(put, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).endsWith(" " + size + " " + HexFormat.of().formatHex(sent.digest()));
    }

    @Test
    void malformedPercentEscapesAreJsonErrors() throws Exception {
        for (String target : List.of("/v1/shelves/s1/books?filter.author=%zz", "/v1/shelves/s1/books?filter.author=%",
                "/v1/shelves/s1/books?filter.author=abc%4", "/v1/shelves/s1/books?filter.author=%e9", "/v1/shelves/s1/books?%zz=1",
                "/v1/shelves/%zz", "/v1/shelves/%e9", "/v1/files/a/%c3%28")) {
            RawResponse response = RawResponse.send(edge, "GET " + target + " HTTP/1.1");

            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(response.jsonError().get("code").getAsInt()).as(target).isEqualTo(3);
            assertThat(response.jsonError().get("message").getAsString()).as(target).containsAnyOf("percent-escape", "not UTF-8");
        }
        RawResponse good = RawResponse.send(edge, "GET /v1/shelves/s1/books?filter.author=caf%C3%A9+x HTTP/1.1");
        assertThat(good.status()).isEqualTo(200);
        assertThat(JsonParser.parseString(good.body()).getAsJsonObject().getAsJsonObject("received").getAsJsonObject("filter")
                .get("author").getAsString()).isEqualTo("café x");
    }

    @Test
    void requestsRefusedBeforeAnyHandlerAreJsonErrorsToo() throws Exception {
        for (String requestLine : List.of("GET /stream/v1/%zz.m3u8 HTTP/1.1", "PUT /uploads/u1?sig=%e9 HTTP/1.1",
                "GET /v1/shelves/s1?a=<b> HTTP/1.1", "GET v1/shelves/s1 HTTP/1.1", "GET /%zz HTTP/1.1")) {
            RawResponse response = RawResponse.send(edge, requestLine);

            assertThat(response.status()).as(requestLine).isBetween(400, 499);
            assertThat(response.contentType()).as(requestLine).isEqualTo("application/json");
            assertThat(response.jsonError().get("code").getAsInt()).as(requestLine).isIn(3, 5);
        }
    }

    @Test
    void healthz() throws Exception {
        HttpResponse<String> response = send("GET", "/healthz", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).getAsJsonObject().get("status").getAsString()).isEqualTo("UP");
    }

    private HttpResponse<String> fail(String code) throws Exception {
        return send("POST", "/v1/failures", "{\"code\":\"" + code + "\"}");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(edge.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonElement json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body());
    }
}
