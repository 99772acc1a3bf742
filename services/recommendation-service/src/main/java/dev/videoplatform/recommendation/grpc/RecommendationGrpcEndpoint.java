package dev.videoplatform.recommendation.grpc;

import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.paging.PageTokens;
import dev.videoplatform.recommendation.service.HomeFeed;
import dev.videoplatform.recommendation.service.RelatedVideos;
import dev.videoplatform.recommendation.v1.GetHomeFeedRequest;
import dev.videoplatform.recommendation.v1.GetHomeFeedResponse;
import dev.videoplatform.recommendation.v1.GetRelatedRequest;
import dev.videoplatform.recommendation.v1.GetRelatedResponse;
import dev.videoplatform.recommendation.v1.RecommendationService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.regex.Pattern;

/** gRPC face of recommendations: validates at the boundary, then the home feed or related videos. */
@GrpcService
public class RecommendationGrpcEndpoint implements RecommendationService {

    private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_TOKEN_LENGTH = 512;

    private final HomeFeed homeFeed;
    private final RelatedVideos related;

    public RecommendationGrpcEndpoint(HomeFeed homeFeed, RelatedVideos related) {
        this.homeFeed = homeFeed;
        this.related = related;
    }

    @Override
    public Uni<GetHomeFeedResponse> getHomeFeed(GetHomeFeedRequest request) {
        Caller caller = Caller.current();
        return Uni.createFrom().deferred(() -> {
            new Violations().check(request.getPageSize() < 0, "page_size", "must not be negative")
                    .check(request.getPageToken().length() > MAX_TOKEN_LENGTH, "page_token", "is not a page token of this query")
                    .throwIfAny();
            return homeFeed.page(caller.authenticated() ? caller.userId() : null,
                    PageTokens.pageSize(request.getPageSize(), 24, 100, "page_size"), request.getPageToken());
        });
    }

    @Override
    public Uni<GetRelatedResponse> getRelated(GetRelatedRequest request) {
        return Uni.createFrom().deferred(() -> {
            Violations violations = new Violations().requireNonBlank(request.getVideoId(), "video_id")
                    .check(request.getPageSize() < 0, "page_size", "must not be negative");
            if (!request.getVideoId().isEmpty()) {
                violations.check(!VIDEO_ID.matcher(request.getVideoId()).matches(), "video_id",
                        "must be 1–64 letters, digits or dashes");
            }
            violations.throwIfAny();
            return related.related(request.getVideoId(), PageTokens.pageSize(request.getPageSize(), 20, 50, "page_size"));
        });
    }
}
