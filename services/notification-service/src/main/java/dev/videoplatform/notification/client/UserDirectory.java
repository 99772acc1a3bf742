package dev.videoplatform.notification.client;

import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.user.v1.GetEmailAddressRequest;
import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.ListSubscribedChannelsRequest;
import dev.videoplatform.user.v1.ListSubscriberIdsRequest;
import dev.videoplatform.user.v1.ListSubscriberIdsResponse;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserService;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * user-service, with this service's token: a channel's subscribers (one internal
 * ListSubscriberIds per page) and size, which channels a reader follows (fan-out on read), and
 * recipients' email addresses (internal GetEmailAddress). Reading a page is idempotent, so it is retried with jitter; no
 * fallback: a fan-out that cannot get its page keeps its saved position and is tried again.
 */
@ApplicationScoped
public class UserDirectory {

    /** One page of subscriber ids and the token of the next, empty at the end. */
    public record Page(List<String> subscriberIds, String nextPageToken) {
    }

    private final UserService users;

    public UserDirectory(@GrpcClient("user") @RegisterClientInterceptor(ServiceCredentials.class) UserService users) {
        this.users = users;
    }

    /** How many subscribers the channel has (user-service's counter). */
    @Timeout(3000)
    @Retry(maxRetries = 3, delay = 200, jitter = 150)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("user-channel-size")
    public Uni<Long> subscriberCount(String channelId) {
        return users.getUser(GetUserRequest.newBuilder().setUserId(channelId).build()).map(User::getSubscriberCount);
    }

    /**
     * Which of {@code channelIds} the user subscribes to, and since when (internal
     * ListSubscribedChannels); an inbox read waits for it, so one short try and no retry.
     */
    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("user-subscriptions")
    public Uni<Map<String, Instant>> subscribedAmong(String userId, List<String> channelIds) {
        return users.listSubscribedChannels(ListSubscribedChannelsRequest.newBuilder().setUserId(userId)
                .addAllChannelIds(channelIds).build()).map(response -> {
                    Map<String, Instant> since = new HashMap<>();
                    response.getChannelsList().forEach(c -> since.put(c.getChannelId(),
                            Instant.ofEpochSecond(c.getCreateTime().getSeconds(), c.getCreateTime().getNanos())));
                    return since;
                });
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

    /**
     * The user's email address, read just before sending so a changed address is used at once;
     * empty for an account that no longer exists or is suspended. A failure leaves the email
     * queued for the sender's next attempt, so there is no fallback address.
     */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200, jitter = 150)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("user-email-addresses")
    public Uni<Optional<String>> emailAddress(String userId) {
        return users.getEmailAddress(GetEmailAddressRequest.newBuilder().setUserId(userId).build())
                .map(address -> address.getSuspended() ? Optional.<String>empty() : Optional.of(address.getEmail()))
                .onFailure(failure -> Status.fromThrowable(failure).getCode() == Status.Code.NOT_FOUND)
                .recoverWithItem(Optional.empty());
    }
}
