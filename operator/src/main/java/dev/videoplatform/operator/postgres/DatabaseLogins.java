package dev.videoplatform.operator.postgres;

import dev.videoplatform.operator.catalog.PlatformService;

/** Names of the logins the operator creates, one per database-owning service. */
public final class DatabaseLogins {

    private DatabaseLogins() {
    }

    /** {@code videoplatform_<database>}: roles are server-wide, so a bare {@code admin} or {@code users} would collide. */
    public static String loginName(PlatformService service) {
        return "videoplatform_" + service.database().orElseThrow(
                () -> new IllegalArgumentException(service.serviceName() + " owns no database"));
    }
}
