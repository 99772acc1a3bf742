package dev.videoplatform.operator.catalog;

import java.util.Arrays;
import java.util.Optional;

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

    /** Image repository name, e.g. {@code videoplatform-user-service}. */
    public String imageName() {
        return "videoplatform-" + serviceName + "-service";
    }

    public static Optional<PlatformService> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.serviceName.equals(name)).findFirst();
    }
}
