package dev.videoplatform.platform.auth;

import io.grpc.Context;
import java.util.Set;

/**
 * Who is calling: the verified token's subject and roles (or nobody), and the client's address.
 * A service calling an internal RPC is a caller with a {@code serviceName} and no user id.
 * Carried in the gRPC {@link Context}.
 */
public record Caller(String userId, Set<String> roles, String clientAddress, String serviceName) {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";
    public static final Caller ANONYMOUS = new Caller(null, Set.of(), "unknown", null);

    static final Context.Key<Caller> CONTEXT_KEY = Context.keyWithDefault("videoplatform-caller", ANONYMOUS);

    /** The caller of the gRPC call in progress on this thread. */
    public static Caller current() {
        return CONTEXT_KEY.get();
    }

    /** A user, as named by a verified access token. */
    public static Caller user(String userId, Set<String> roles) {
        return new Caller(userId, roles, null, null);
    }

    /** Another service of the platform, as named by a verified service token. */
    public static Caller service(String serviceName) {
        return new Caller(null, Set.of(ServiceTokens.ROLE_SERVICE), null, serviceName);
    }

    /** Whether a user is calling (a service caller is not one). */
    public boolean authenticated() {
        return userId != null;
    }

    public boolean isService() {
        return serviceName != null;
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }

    /** Whether this caller may act on {@code userId}'s own resources: themself or an admin. */
    public boolean isSelfOrAdmin(String userId) {
        return isAdmin() || (authenticated() && this.userId.equals(userId));
    }

    Caller from(String address) {
        return new Caller(userId, roles, address, serviceName);
    }

    Context attachTo(Context context) {
        return context.withValue(CONTEXT_KEY, this);
    }
}
