package dev.videoplatform.comment.client;

import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.user.v1.BatchGetUsersRequest;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserService;
import dev.videoplatform.user.v1.UserSummary;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * user-service as the directory of authors' names and avatars: one BatchGetUsers per page of
 * comments, half a second at most, a circuit breaker, no retries (a list must not wait); when
 * user-service cannot answer, the lookup says so and the comments go out marked
 * {@code author_unavailable}.
 */
@ApplicationScoped
public class AuthorDirectory {

    private static final Logger LOG = Logger.getLogger(AuthorDirectory.class);

    /** What user-service said: the users found (unknown ids are left out), or that it could not be asked. */
    public record Lookup(Map<String, UserSummary> found, boolean answered) {
        static final Lookup UNANSWERED = new Lookup(Map.of(), false);
    }

    private final UserService users;

    public AuthorDirectory(@GrpcClient("user") @RegisterClientInterceptor(ServiceCredentials.class) UserService users) {
        this.users = users;
    }

    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("user-service")
    @Fallback(fallbackMethod = "unanswered")
    public Uni<Lookup> lookup(List<String> userIds) {
        return users.batchGetUsers(BatchGetUsersRequest.newBuilder().addAllUserIds(userIds).build()).map(response -> {
            Map<String, UserSummary> found = new HashMap<>();
            for (User user : response.getUsersList()) {
                found.put(user.getUserId(), UserSummary.newBuilder().setUserId(user.getUserId())
                        .setUsername(user.getUsername()).setDisplayName(user.getDisplayName())
                        .setAvatarUrl(user.getAvatarUrl()).build());
            }
            return new Lookup(found, true);
        });
    }

    Uni<Lookup> unanswered(List<String> userIds, Throwable failure) {
        LOG.warnf("user-service did not answer for %d authors (%s); listing without names", userIds.size(),
                failure.toString());
        return Uni.createFrom().item(Lookup.UNANSWERED);
    }
}
