package dev.videoplatform.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The platform's HTTP/JSON API as the signed-in user: the access token on every call when there
 * is a session (required by {@link Access#SIGNED_IN} calls), and one retry with a refreshed token
 * when the server answers 401.
 */
@Singleton
public class Api {

    /** Whether a call needs a session. */
    public enum Access {
        PUBLIC,
        SIGNED_IN
    }

    private final Http http;
    private final Sessions sessions;

    public Api(Http http, Sessions sessions) {
        this.http = http;
        this.sessions = sessions;
    }

    public JsonNode get(String pathAndQuery, Access access) {
        return call(access, token -> authorized(http.request(pathAndQuery), token).GET().build());
    }

    public JsonNode post(String path, Object body, Access access) {
        return call(access, token -> authorized(http.request(path), token).header("Content-Type", "application/json")
                .POST(http.body(body)).build());
    }

    public JsonNode delete(String path, Access access) {
        return call(access, token -> authorized(http.request(path), token).DELETE().build());
    }

    /**
     * A server stream ({@code application/x-ndjson}): each line's JSON to {@code onMessage} until
     * it returns false or the stream ends; a line {@code {"error": ...}} ends it with an {@link ApiException}.
     */
    public void stream(String path, Access access, Function<JsonNode, Boolean> onMessage) {
        HttpResponse<Stream<String>> response = withRetry(access, token -> {
            HttpResponse<Stream<String>> answer = http.send(authorized(http.request(path), token)
                    .header("Accept", "application/x-ndjson").GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (answer.statusCode() / 100 != 2) {
                try (Stream<String> lines = answer.body()) {
                    throw ApiException.of(answer.statusCode(), String.join("\n", (Iterable<String>) lines::iterator),
                            http.json());
                }
            }
            return answer;
        });
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = parse(line);
                if (message.has("error")) {
                    throw ApiException.ofStreamError(line, http.json());
                }
                if (!onMessage.apply(message)) {
                    return;
                }
            }
        }
    }

    /** {@code path?k=v&...} with the values percent-encoded; null and blank values left out. */
    public static String query(String path, Map<String, ?> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        });
        return query.length() == 0 ? path : path + "?" + query;
    }

    /** A path segment (an id the user typed), percent-encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(Access access, Function<Optional<String>, HttpRequest> request) {
        return withRetry(access, token -> http.exchange(request.apply(token)));
    }

    private <T> T withRetry(Access access, Function<Optional<String>, T> attempt) {
        if (access == Access.SIGNED_IN) {
            sessions.required();
        }
        Optional<String> token = sessions.accessToken();
        try {
            return attempt.apply(token);
        } catch (ApiException e) {
            if (e.status() != 401 || token.isEmpty()) {
                throw e;
            }
            return attempt.apply(Optional.of(sessions.refreshAfterRejection()));
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, Optional<String> token) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }

    private JsonNode parse(String line) {
        try {
            return http.json().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException("the server's stream sent a line that is not JSON", e);
        }
    }
}
