package dev.videoplatform.operator.catalog;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's ten services, each with the PostgreSQL database it owns (if any) and whether it
 * touches blob storage. The name is the key in {@code spec.services} and the suffix of every
 * Kubernetes object made for the service.
 */
public enum PlatformService {
    USER("user", "users", false),
    UPLOAD("upload", "videos", true),
    TRANSCODE("transcode", null, true),
    STREAMING("streaming", null, true),
    SEARCH("search", "search", false),
    COMMENT("comment", "comments", false),
    ANALYTICS("analytics", "analytics", false),
    RECOMMENDATION("recommendation", null, false),
    NOTIFICATION("notification", "notifications", false),
    ADMIN("admin", "admin", false);

    private final String serviceName;
    private final String database;
    private final boolean usesBlobStorage;

    PlatformService(String serviceName, String database, boolean usesBlobStorage) {
        this.serviceName = serviceName;
        this.database = database;
        this.usesBlobStorage = usesBlobStorage;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The database this service owns; empty for services that keep no durable data of their own. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public boolean usesBlobStorage() {
        return usesBlobStorage;
    }

    /**
     * The services this one calls over gRPC (ARCHITECTURE.md's "calls" column), the one place the
     * call graph is declared: each service's port admits only its callers and the gateway.
     */
    public Set<PlatformService> calls() {
        return switch (this) {
            case UPLOAD, NOTIFICATION -> EnumSet.of(USER);
            case STREAMING -> EnumSet.of(UPLOAD);
            // search: the catalog walk and channel names of an index rebuild.
            case COMMENT, ADMIN, SEARCH -> EnumSet.of(USER, UPLOAD);
            case RECOMMENDATION -> EnumSet.of(ANALYTICS, UPLOAD, USER);
            case USER, TRANSCODE, ANALYTICS -> EnumSet.noneOf(PlatformService.class);
        };
    }

    /** The services that call this one. */
    public Set<PlatformService> callers() {
        Set<PlatformService> callers = EnumSet.noneOf(PlatformService.class);
        Arrays.stream(values()).filter(s -> s.calls().contains(this)).forEach(callers::add);
        return callers;
    }

    /** Image repository name, e.g. {@code videoplatform-user-service}. */
    public String imageName() {
        return "videoplatform-" + serviceName + "-service";
    }

    public static Optional<PlatformService> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.serviceName.equals(name)).findFirst();
    }
}
