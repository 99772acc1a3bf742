package dev.videoplatform.platform.auth;

import io.grpc.Context;
import java.util.Set;

/**
 * Who is calling: the verified token's subject and roles (or nobody), and the client's address.
 * Carried in the gRPC {@link Context}.
 */
public record Caller(String userId, Set<String> roles, String clientAddress) {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";
    public static final Caller ANONYMOUS = new Caller(null, Set.of(), "unknown");

    static final Context.Key<Caller> CONTEXT_KEY = Context.keyWithDefault("videoplatform-caller", ANONYMOUS);

    /** The caller of the gRPC call in progress on this thread. */
    public static Caller current() {
        return CONTEXT_KEY.get();
    }

    public boolean authenticated() {
        return userId != null;
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }

    /** Whether this caller may act on {@code userId}'s own resources: themself or an admin. */
    public boolean isSelfOrAdmin(String userId) {
        return isAdmin() || (authenticated() && this.userId.equals(userId));
    }

    Caller from(String address) {
        return new Caller(userId, roles, address);
    }

    Context attachTo(Context context) {
        return context.withValue(CONTEXT_KEY, this);
    }
}
