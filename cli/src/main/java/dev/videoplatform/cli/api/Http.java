package dev.videoplatform.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoplatform.cli.config.CliSettings;
import dev.videoplatform.cli.exit.CliException;
import dev.videoplatform.cli.exit.ExitCode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * The HTTP transport: requests to the server's JSON API and to signed URLs, answers as JSON, error
 * answers as {@link ApiException}, an unreachable server as exit code 5.
 */
@Singleton
public class Http {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final CliSettings settings;
    private final ObjectMapper json;

    public Http(CliSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A request to {@code pathAndQuery} under the server's base URL. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(settings.server() + pathAndQuery)).header("Accept", "application/json");
    }

    public HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode the request", e);
        }
    }

    /** Sends {@code request}; a 2xx answer is its JSON (an empty object when empty), anything else an {@link ApiException}. */
    public JsonNode exchange(HttpRequest request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw ApiException.of(response.statusCode(), response.body(), json);
        }
        try {
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "the server's answer is not JSON: " + e.getMessage(), e);
        }
    }

    /** Sends {@code request} as is; only transport failures are turned into exit codes. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unreachable(request, e);
        } catch (InterruptedException | InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "interrupted", e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
                throw unreachable(request, e);
            }
            throw new CliException(ExitCode.UNAVAILABLE, "connection to " + origin(request) + " failed: " + e.getMessage(), e);
        }
    }

    private static CliException unreachable(HttpRequest request, Exception e) {
        return new CliException(ExitCode.UNAVAILABLE, "cannot reach the server at " + origin(request)
                + " (is it running? set it with --server or VP_SERVER)", e);
    }

    private static String origin(HttpRequest request) {
        URI uri = request.uri();
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
