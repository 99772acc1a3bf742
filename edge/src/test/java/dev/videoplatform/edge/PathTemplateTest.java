package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void parsesVariablesSegmentsAndVerb() {
        PathTemplate template = PathTemplate.parse("/v1/{book.name=shelves/*/books/*}:publish");

        assertThat(template.verb()).hasValue("publish");
        assertThat(template.variableFieldPaths()).containsExactly("book.name");
        assertThat(match(template, "/v1/shelves/s1/books/b2", "publish")).hasValue(Map.of("book.name", "shelves/s1/books/b2"));
        assertThat(match(template, "/v1/shelves/s1/books/b2", null)).as("verb required").isEmpty();
        assertThat(match(template, "/v1/shelves/s1/book/b2", "publish")).as("literal inside a variable").isEmpty();
    }

    @Test
    void singleSegmentVariablesAreFullyDecodedMultiSegmentOnesKeepReservedCharacters() {
        assertThat(match(PathTemplate.parse("/v1/users/{user_id}"), "/v1/users/a%2Fb%20c", null)).hasValue(Map.of("user_id", "a/b c"));
        assertThat(match(PathTemplate.parse("/v1/files/{path=**}"), "/v1/files/a%2Fb/c%20d", null)).hasValue(Map.of("path", "a%2Fb/c d"));
        assertThat(match(PathTemplate.parse("/v1/users/{user_id}"), "/v1/users/caf%C3%A9+x", null)).as("UTF-8, and + is not a space in paths")
                .hasValue(Map.of("user_id", "café+x"));
    }

    @Test
    void doubleWildcardMatchesZeroOrMoreTrailingSegments() {
        PathTemplate template = PathTemplate.parse("/v1/files/{path=**}");

        assertThat(match(template, "/v1/files", null)).hasValue(Map.of("path", ""));
        assertThat(match(template, "/v1/files/a/b/c", null)).hasValue(Map.of("path", "a/b/c"));
        assertThat(match(template, "/v2/files/a", null)).isEmpty();
    }

    @Test
    void segmentCountsMustAgreeWithoutDoubleWildcard() {
        PathTemplate template = PathTemplate.parse("/v1/users/{user_id}/subscriptions");

        assertThat(match(template, "/v1/users/u1/subscriptions", null)).hasValue(Map.of("user_id", "u1"));
        assertThat(match(template, "/v1/users/u1", null)).isEmpty();
        assertThat(match(template, "/v1/users/u1/subscriptions/x", null)).isEmpty();
    }

    @Test
    void literalsAreMoreSpecificThanWildcards() {
        PathTemplate literal = PathTemplate.parse("/v1/videos/search");
        PathTemplate variable = PathTemplate.parse("/v1/videos/{video_id}");
        PathTemplate rest = PathTemplate.parse("/v1/{name=**}");

        assertThat(literal.moreSpecificThan(variable)).isTrue();
        assertThat(variable.moreSpecificThan(rest)).isTrue();
        assertThat(rest.moreSpecificThan(variable)).isFalse();
        assertThat(variable.moreSpecificThan(variable)).isFalse();
    }

    @Test
    void refusesMalformedTemplates() {
        for (String bad : List.of("v1/users", "/v1/{user_id", "/v1/{}", "/v1/{a={b}}", "/v1/**/x", "/v1//users", "/v1/users:")) {
            assertThatThrownBy(() -> PathTemplate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Optional<Map<String, String>> match(PathTemplate template, String path, String verb) {
        List<String> raw = List.of(path.substring(1).split("/", -1));
        return template.match(raw, raw.stream().map(segment -> PercentDecoding.pathSegment(segment, false)).toList(), verb);
    }
}
