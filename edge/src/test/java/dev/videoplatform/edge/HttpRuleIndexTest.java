package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.videoplatform.edge.testapi.v1.Added;
import dev.videoplatform.edge.testapi.v1.Library;
import dev.videoplatform.gateway.DescriptorSet;
import java.util.LinkedHashMap;
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

    @Test
    void rulesWhoseSecondSegmentIsAVariableAreTriedBesideTheLiteralOnes() {
        // The index files /v1/{name=shelves/*/books/*} apart from the rules under /v1/shelves/.
        HttpRuleIndex library = withDependencies(Library.getDescriptor());
        assertCalls(library, "GET", "/v1/shelves/s1/books/b2", "edgetest.v1.LibraryService.GetBook", Map.of("name", "shelves/s1/books/b2"));
        assertCalls(library, "GET", "/v1/shelves/s1/books", "edgetest.v1.LibraryService.ListBooks", Map.of("shelf_id", "s1"));
        assertCalls(library, "GET", "/v1/shelves/s1", "edgetest.v1.LibraryService.GetShelf", Map.of("shelf_id", "s1"));
        assertCalls(library, "GET", "/v1/files/a/b", "edgetest.v1.LibraryService.GetFile", Map.of("path", "a/b"));
        assertCalls(library, "GET", "/v1/offline:ping", "edgetest.v1.OfflineService.Ping", Map.of());
        assertThat(library.match("GET", "/v1")).isInstanceOf(HttpRuleIndex.NoRoute.class);
    }

    @Test
    void literalsMatchTheirPercentEncodedSpelling() {
        assertCalls("GET", "/v1/vid%65os/v%31", "videoplatform.upload.v1.VideoService.GetVideo", Map.of("video_id", "v1"));
        assertCalls("GET", "/v1/videos/a%2Fb", "videoplatform.upload.v1.VideoService.GetVideo", Map.of("video_id", "a/b"));
    }

    private static void assertCalls(String httpMethod, String path, String rpc, Map<String, String> variables) {
        assertCalls(PLATFORM, httpMethod, path, rpc, variables);
    }

    private static void assertCalls(HttpRuleIndex index, String httpMethod, String path, String rpc, Map<String, String> variables) {
        HttpRuleIndex.Match match = index.match(httpMethod, path);
        assertThat(match).as(httpMethod + " " + path).isInstanceOf(HttpRuleIndex.Found.class);
        HttpRuleIndex.Found found = (HttpRuleIndex.Found) match;
        assertThat(found.binding().method().getFullName()).as(httpMethod + " " + path).isEqualTo(rpc);
        assertThat(found.variables()).isEqualTo(variables);
    }

    /** The test protos' rules: the file, everything it imports, and the test-only added.proto. */
    private static HttpRuleIndex withDependencies(FileDescriptor file) {
        Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
        collect(file, files);
        collect(Added.getDescriptor(), files);
        return HttpRuleIndex.of(DescriptorSet.parse(FileDescriptorSet.newBuilder().addAllFile(files.values()).build().toByteArray()));
    }

    private static void collect(FileDescriptor file, Map<String, FileDescriptorProto> files) {
        for (FileDescriptor dependency : file.getDependencies()) {
            collect(dependency, files);
        }
        files.putIfAbsent(file.getName(), file.toProto());
    }
}
