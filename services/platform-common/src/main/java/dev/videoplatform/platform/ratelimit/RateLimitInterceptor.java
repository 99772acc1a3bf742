package dev.videoplatform.platform.ratelimit;

import dev.videoplatform.options.v1.RateClass;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.auth.JwtAuthInterceptor;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.grpc.AdmissionInterceptor;
import dev.videoplatform.platform.grpc.ClientAddress;
import dev.videoplatform.platform.grpc.MethodPolicy;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.quarkus.grpc.GlobalInterceptor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Limits each caller (user id when authenticated, else client IP) per rate class of the RPC.
 * Over budget: RESOURCE_EXHAUSTED with RetryInfo. If Redis is unreachable the call is admitted
 * (and logged): losing the limiter must not take the service down with it.
 */
@GlobalInterceptor
@ApplicationScoped
public class RateLimitInterceptor extends AdmissionInterceptor implements Prioritized {

    private static final Logger LOG = Logger.getLogger(RateLimitInterceptor.class);

    private final RateLimiter limiter;
    private final RateLimitConfig config;

    public RateLimitInterceptor(RateLimiter limiter, RateLimitConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    @Override
    protected <Q, R> Uni<Context> admit(ServerCall<Q, R> call, Metadata headers, Context context) {
        if (!config.enabled()) {
            return Uni.createFrom().item(context);
        }
        RateClass rateClass = MethodPolicy.of(call.getMethodDescriptor()).rateClass();
        Caller caller = Caller.current();
        String who = caller.authenticated() ? "user:" + caller.userId()
                : "ip:" + (caller.clientAddress() != null ? caller.clientAddress() : ClientAddress.of(call, headers));
        int limit;
        Duration window;
        switch (rateClass) {
            case RATE_CLASS_WRITE -> {
                limit = config.writeRequests();
                window = config.writeWindow();
            }
            case RATE_CLASS_AUTH -> {
                limit = config.authRequests();
                window = config.authWindow();
            }
            case RATE_CLASS_HEAVY -> {
                limit = config.heavyRequests();
                window = config.heavyWindow();
            }
            default -> {
                limit = config.readRequests();
                window = config.readWindow();
            }
        }
        String subject = rateClass.name().substring("RATE_CLASS_".length()).toLowerCase() + ":" + who;
        return limiter.acquire(subject, limit, window)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("rate limiter unavailable, admitting %s: %s", subject, failure.getMessage());
                    return new RateLimiter.Decision(true, 0, Duration.ZERO);
                })
                .map(decision -> {
                    if (!decision.allowed()) {
                        throw DomainException.resourceExhausted("RATE_LIMITED",
                                "too many " + rateClass.name().substring("RATE_CLASS_".length()).toLowerCase()
                                        + " requests; retry after " + decision.retryAfter().toMillis() + " ms",
                                decision.retryAfter());
                    }
                    return context;
                });
    }

    @Override
    public int getPriority() {
        return JwtAuthInterceptor.PRIORITY - 100;
    }
}
