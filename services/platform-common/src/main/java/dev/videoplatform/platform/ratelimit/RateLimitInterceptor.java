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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.time.Duration;

/**
 * Limits each caller (user id when authenticated, else client IP) per rate class of the RPC.
 * Over budget: RESOURCE_EXHAUSTED with RetryInfo. Decided in memory for most calls; see
 * {@link RateLimiter} for how replicas share a budget and what happens when Redis is unreachable.
 */
@GlobalInterceptor
@ApplicationScoped
public class RateLimitInterceptor extends AdmissionInterceptor implements Prioritized {

    private final RateLimiter limiter;
    private final RateLimitConfig config;

    public RateLimitInterceptor(RateLimiter limiter, RateLimitConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    @Override
    protected <Q, R> Admission admit(ServerCall<Q, R> call, Metadata headers, Context context) {
        MethodPolicy policy = MethodPolicy.of(call.getMethodDescriptor());
        if (!config.enabled() || !policy.rateLimited()) {
            return Admission.now(context);
        }
        RateClass rateClass = policy.rateClass();
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
        String name = rateClass.name().substring("RATE_CLASS_".length()).toLowerCase();
        String subject = name + ":" + who;
        RateLimiter.Decision now = limiter.tryAcquire(subject, limit, window);
        if (now != null) {
            return Admission.now(admitted(now, name, context));
        }
        return Admission.later(limiter.acquire(subject, limit, window).map(decision -> admitted(decision, name, context)));
    }

    private static Context admitted(RateLimiter.Decision decision, String rateClass, Context context) {
        if (!decision.allowed()) {
            throw DomainException.resourceExhausted("RATE_LIMITED", "too many " + rateClass + " requests; retry after "
                    + decision.retryAfter().toMillis() + " ms", decision.retryAfter());
        }
        return context;
    }

    @Override
    public int getPriority() {
        return JwtAuthInterceptor.PRIORITY - 100;
    }
}
