package dev.videoplatform.admin.client;

import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.grpc.Lookup;
import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserService;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * user-service, asked whether an account exists before it is suspended. Same policy as
 * {@link VideoCatalog}: when user-service cannot say, the action is UNAVAILABLE.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);

    private final UserService users;

    public UserDirectory(@GrpcClient("user") @RegisterClientInterceptor(ServiceCredentials.class) UserService users) {
        this.users = users;
    }

    /** The account, or empty when user-service does not know it. */
    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName("user-service")
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Optional<User>> find(String userId) {
        return Lookup.optional(users.getUser(GetUserRequest.newBuilder().setUserId(userId).build()));
    }

    Uni<Optional<User>> unavailable(String userId, Throwable failure) {
        LOG.warnf("user-service did not answer for user %s (%s)", userId, failure.toString());
        return Uni.createFrom().failure(DomainException.unavailable("USER_DIRECTORY_UNAVAILABLE",
                "the user directory cannot be reached; try again shortly", Duration.ofSeconds(5)));
    }
}
