package dev.videoplatform.recommendation.client;

import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.recommendation.config.RecommendationConfig;
import dev.videoplatform.recommendation.repository.SubscriptionStore;
import dev.videoplatform.user.v1.ListSubscribedChannelIdsRequest;
import dev.videoplatform.user.v1.ListSubscribedChannelIdsResponse;
import dev.videoplatform.user.v1.UserService;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * user-service's internal ListSubscribedChannelIds (with this service's token), which reconciles
 * the subscriptions kept from events: 500 ms for the whole walk, one jittered retry (reading is
 * idempotent), a circuit breaker. When user-service cannot answer, the channels kept from its
 * events are the fallback, counted as degraded only when there are none.
 */
@ApplicationScoped
public class SubscriptionDirectory {

    private static final Logger LOG = Logger.getLogger(SubscriptionDirectory.class);
    private static final int PAGE_SIZE = 1000;

    /** The channels a user subscribes to, and whether a source was missing (nothing to fall back on). */
    public record Subscriptions(List<String> channelIds, boolean degraded) {
    }

    private final UserService users;
    private final SubscriptionStore store;
    private final Duration validFor;

    public SubscriptionDirectory(@GrpcClient("user") @RegisterClientInterceptor(ServiceCredentials.class) UserService users,
            SubscriptionStore store, RecommendationConfig config) {
        this.users = users;
        this.store = store;
        this.validFor = config.feed().subscriptionsReconcile();
    }

    /** Asks user-service for all of the user's channels and makes the kept set match. */
    @Timeout(500)
    @Retry(maxRetries = 1, delay = 50, jitter = 25)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("user-subscriptions")
    @Fallback(fallbackMethod = "keptFromEvents")
    public Uni<Subscriptions> reconcile(String userId) {
        return Uni.createFrom().deferred(() -> {
            // Events newer than this moment win over the list (see SubscriptionStore).
            Instant askedAt = Instant.now();
            return walk(userId, "", new ArrayList<>())
                    .flatMap(listed -> store.reconcile(userId, listed, askedAt, validFor))
                    .map(channels -> new Subscriptions(channels, false));
        });
    }

    Uni<Subscriptions> keptFromEvents(String userId, Throwable failure) {
        LOG.warnf("user-service did not list %s's subscriptions (%s); using those kept from its events", userId, failure.toString());
        return store.channels(userId).map(channels -> new Subscriptions(channels, channels.isEmpty()));
    }

    private Uni<List<String>> walk(String userId, String pageToken, List<String> listed) {
        return users.listSubscribedChannelIds(ListSubscribedChannelIdsRequest.newBuilder().setUserId(userId)
                        .setPageSize(PAGE_SIZE).setPageToken(pageToken).build())
                .flatMap((ListSubscribedChannelIdsResponse page) -> {
                    listed.addAll(page.getChannelIdsList());
                    return page.getNextPageToken().isEmpty() ? Uni.createFrom().item(listed)
                            : walk(userId, page.getNextPageToken(), listed);
                });
    }
}
