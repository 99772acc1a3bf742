package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoplatform.gateway.DescriptorSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lookups against the platform's real http rules, where several rules share path prefixes. */
class HttpRuleIndexTest {

    private static final HttpRuleIndex PLATFORM = HttpRuleIndex.of(DescriptorSet.platform());

    @Test
    void literalAndVerbRulesWinOverVariables() {
        assertCalls("GET", "/v1/users/0191abc", "videoplatform.user.v1.UserService.GetUser", Map.of("user_id", "0191abc"));
        assertCalls("GET", "/v1/users:batchGet", "videoplatform.user.v1.UserService.BatchGetUsers", Map.of());
        assertCalls("POST", "/v1/users:register", "videoplatform.user.v1.UserService.Register", Map.of());
        assertCalls("POST", "/v1/users/ch1:subscribe", "videoplatform.user.v1.UserService.Subscribe", Map.of("channel_id", "ch1"));
        assertCalls("GET", "/v1/videos:search", "videoplatform.search.v1.SearchService.Search", Map.of());
        assertCalls("GET", "/v1/videos/v1", "videoplatform.upload.v1.VideoService.GetVideo", Map.of("video_id", "v1"));
        assertCalls("GET", "/v1/videos/v1:watchStatus", "videoplatform.upload.v1.VideoService.WatchVideoStatus", Map.of("video_id", "v1"));
        assertCalls("GET", "/v1/videos/v1/comments", "videoplatform.comment.v1.CommentService.ListComments", Map.of("video_id", "v1"));
        assertCalls("POST", "/v1/videos/v1/comments", "videoplatform.comment.v1.CommentService.AddComment", Map.of("video_id", "v1"));
        assertCalls("PATCH", "/v1/videos/v1", "videoplatform.upload.v1.VideoService.UpdateVideo", Map.of("video.video_id", "v1"));
    }

    @Test
    void anUnregisteredVerbIsPartOfTheSegment() {
        assertCalls("GET", "/v1/videos/v1:nonsense", "videoplatform.upload.v1.VideoService.GetVideo", Map.of("video_id", "v1:nonsense"));
    }

    @Test
    void tellsWrongMethodFromUnknownPath() {
        assertThat(PLATFORM.match("PUT", "/v1/videos/v1")).isEqualTo(new HttpRuleIndex.WrongMethod(java.util.Set.of("DELETE", "GET", "PATCH")));
        assertThat(PLATFORM.match("GET", "/v1/nothing")).isInstanceOf(HttpRuleIndex.NoRoute.class);
        assertThat(PLATFORM.match("GET", "/v2/videos/v1")).isInstanceOf(HttpRuleIndex.NoRoute.class);
    }

    @Test
    void indexesEveryClientFacingServiceAndNoInternalOne() {
        assertThat(PLATFORM.services()).contains("videoplatform.user.v1.UserService", "videoplatform.upload.v1.UploadService",
                "videoplatform.admin.v1.AdminService").doesNotContain("videoplatform.transcode.v1.TranscodeAdmin");
        assertThat(PLATFORM.bindings()).noneMatch(binding -> binding.method().isClientStreaming());
    }

    private static void assertCalls(String httpMethod, String path, String rpc, Map<String, String> variables) {
        HttpRuleIndex.Match match = PLATFORM.match(httpMethod, path);
        assertThat(match).as(httpMethod + " " + path).isInstanceOf(HttpRuleIndex.Found.class);
        HttpRuleIndex.Found found = (HttpRuleIndex.Found) match;
        assertThat(found.binding().method().getFullName()).as(httpMethod + " " + path).isEqualTo(rpc);
        assertThat(found.variables()).isEqualTo(variables);
    }
}
