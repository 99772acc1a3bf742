package dev.videoplatform.upload.client;

import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.UserService;
import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.platform.grpc.Lookup;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * user-service as the directory of channels (a channel is a user): whether one exists. A second
 * at most per call, a circuit breaker after a run of failures, no retries; when user-service
 * cannot answer, the answer is UNKNOWN and callers carry on without the check rather than fail.
 */
@ApplicationScoped
public class ChannelDirectory {

    private static final Logger LOG = Logger.getLogger(ChannelDirectory.class);

    /** What user-service said of a channel, or that it could not be asked. */
    public enum Existence { EXISTS, ABSENT, UNKNOWN }

    private final UserService users;

    public ChannelDirectory(@GrpcClient("user") @RegisterClientInterceptor(ServiceCredentials.class) UserService users) {
        this.users = users;
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000, successThreshold = 1)
    @CircuitBreakerName("user-service")
    @Fallback(fallbackMethod = "unknown")
    public Uni<Existence> existence(String channelId) {
        return Lookup.optional(users.getUser(GetUserRequest.newBuilder().setUserId(channelId).build()))
                .map(user -> user.isPresent() ? Existence.EXISTS : Existence.ABSENT);
    }

    Uni<Existence> unknown(String channelId, Throwable failure) {
        LOG.warnf("user-service did not answer for channel %s (%s); continuing without the check", channelId,
                failure.toString());
        return Uni.createFrom().item(Existence.UNKNOWN);
    }
}
