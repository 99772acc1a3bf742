package dev.videoplatform.search.client;

import dev.videoplatform.search.events.EventTimes;
import dev.videoplatform.search.repository.ChannelIndex.Channel;
import dev.videoplatform.user.v1.BatchGetUsersRequest;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserService;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * user-service's profiles as channel names, a page of channels per call (public BatchGetUsers,
 * at most {@link #MAX_CHANNELS} ids). A read, so retried; when user-service cannot answer the
 * answer is "no names", and the read model keeps the names it has.
 */
@ApplicationScoped
public class ChannelProfilesClient {

    /** BatchGetUsers' limit. */
    public static final int MAX_CHANNELS = 100;

    private static final Logger LOG = Logger.getLogger(ChannelProfilesClient.class);

    private final UserService users;

    public ChannelProfilesClient(@GrpcClient("user") UserService users) {
        this.users = users;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000, successThreshold = 1)
    @CircuitBreakerName("user-service")
    @Fallback(fallbackMethod = "noNames")
    public Uni<List<Channel>> channels(Collection<String> channelIds) {
        return users.batchGetUsers(BatchGetUsersRequest.newBuilder().addAllUserIds(channelIds).build())
                .map(found -> found.getUsersList().stream().map(ChannelProfilesClient::channel).toList());
    }

    Uni<List<Channel>> noNames(Collection<String> channelIds, Throwable failure) {
        LOG.warnf("user-service did not name %d channels (%s); their videos keep the names they have",
                channelIds.size(), failure.toString());
        return Uni.createFrom().item(List.of());
    }

    private static Channel channel(User user) {
        return new Channel(user.getUserId(), user.getUsername(), user.getDisplayName(),
                EventTimes.instant(user.getUpdateTime()));
    }
}
