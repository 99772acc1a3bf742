package dev.videoplatform.notification.client;

import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.user.v1.ListSubscriberIdsRequest;
import dev.videoplatform.user.v1.ListSubscriberIdsResponse;
import dev.videoplatform.user.v1.UserService;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * user-service as the source of a channel's subscribers: one internal ListSubscriberIds per page
 * (with this service's token). Reading a page is idempotent, so it is retried with jitter; no
 * fallback: a fan-out that cannot get its page keeps its saved position and is tried again.
 */
@ApplicationScoped
public class SubscriberDirectory {

    /** One page of subscriber ids and the token of the next, empty at the end. */
    public record Page(List<String> subscriberIds, String nextPageToken) {
    }

    private final UserService users;

    public SubscriberDirectory(@GrpcClient("user") @RegisterClientInterceptor(ServiceCredentials.class) UserService users) {
        this.users = users;
    }

    @Timeout(3000)
    @Retry(maxRetries = 3, delay = 200, jitter = 150)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("user-subscribers")
    public Uni<Page> page(String channelId, String pageToken, int pageSize) {
        return users.listSubscriberIds(ListSubscriberIdsRequest.newBuilder().setChannelId(channelId)
                        .setPageToken(pageToken).setPageSize(pageSize).build())
                .map((ListSubscriberIdsResponse r) -> new Page(r.getSubscriberIdsList(), r.getNextPageToken()));
    }
}
