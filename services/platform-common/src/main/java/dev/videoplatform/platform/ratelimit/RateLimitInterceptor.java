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
import java.util.EnumMap;
import java.util.Map;

/**
 * Limits each caller (user id when authenticated, else client IP) per rate class of the RPC.
 * Over budget: RESOURCE_EXHAUSTED with RetryInfo. Decided in memory for most calls; see
 * {@link RateLimiter} for how replicas share a budget and what happens when Redis is unreachable.
 */
@GlobalInterceptor
@ApplicationScoped
public class RateLimitInterceptor extends AdmissionInterceptor implements Prioritized {

    /** A rate class's budget, worked out once: the interceptor runs on every call. */
    private record Budget(String name, int limit, Duration window) {
    }

    private final RateLimiter limiter;
    private final boolean enabled;
    private final Map<RateClass, Budget> budgets = new EnumMap<>(RateClass.class);

    public RateLimitInterceptor(RateLimiter limiter, RateLimitConfig config) {
        this.limiter = limiter;
        this.enabled = config.enabled();
        budgets.put(RateClass.RATE_CLASS_WRITE, new Budget("write", config.writeRequests(), config.writeWindow()));
        budgets.put(RateClass.RATE_CLASS_AUTH, new Budget("auth", config.authRequests(), config.authWindow()));
        budgets.put(RateClass.RATE_CLASS_HEAVY, new Budget("heavy", config.heavyRequests(), config.heavyWindow()));
        budgets.put(RateClass.RATE_CLASS_READ, new Budget("read", config.readRequests(), config.readWindow()));
    }

    @Override
    protected <Q, R> Admission admit(ServerCall<Q, R> call, Metadata headers, Context context) {
        MethodPolicy policy = MethodPolicy.of(call.getMethodDescriptor());
        if (!enabled || !policy.rateLimited()) {
            return Admission.now(context);
        }
        Budget budget = budgets.getOrDefault(policy.rateClass(), budgets.get(RateClass.RATE_CLASS_READ));
        Caller caller = Caller.current();
        String subject = caller.authenticated() ? budget.name() + ":user:" + caller.userId()
                : budget.name() + ":ip:" + (caller.clientAddress() != null ? caller.clientAddress() : ClientAddress.of(call, headers));
        RateLimiter.Decision now = limiter.tryAcquire(subject, budget.limit(), budget.window());
        if (now != null) {
            return Admission.now(admitted(now, budget.name(), context));
        }
        return Admission.later(limiter.acquire(subject, budget.limit(), budget.window())
                .map(decision -> admitted(decision, budget.name(), context)));
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
