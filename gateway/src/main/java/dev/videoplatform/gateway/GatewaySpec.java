package dev.videoplatform.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment decides about its gateway: where each client-facing gRPC service and the
 * streaming HTTP server live, who issues tokens, and the listener's policies. Everything about the
 * API itself (services, public methods) comes from the descriptor set instead.
 *
 * @param grpcUpstreams upstream per fully qualified gRPC service name
 *                      ({@code videoplatform.user.v1.UserService})
 * @param streaming     streaming-service's HTTP server, which {@code /stream/} goes to
 * @param uploads       upload-service's HTTP server for the signed PUTs under {@code /uploads/}; none: no such route
 * @param notifications notification-service's HTTP server for the emails' unsubscribe link; none: no such route
 * @param corsOrigins   exact origins allowed by CORS; {@code "*"} allows any origin
 */
public record GatewaySpec(
        int listenerPort,
        Map<String, Upstream> grpcUpstreams,
        Upstream streaming,
        Optional<Upstream> uploads,
        Optional<Upstream> notifications,
        TokenIssuer tokenIssuer,
        DescriptorPlacement descriptor,
        List<String> corsOrigins,
        RateLimitBucket rateLimit,
        Duration upstreamTimeout,
        int maxRequestBytes) {

    public static final String DEFAULT_DESCRIPTOR_PATH = "/etc/envoy/descriptor_set.pb";

    public GatewaySpec {
        grpcUpstreams = Map.copyOf(grpcUpstreams);
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(streaming, "streaming upstream");
        Objects.requireNonNull(uploads, "uploads upstream (or Optional.empty())");
        Objects.requireNonNull(notifications, "notifications upstream (or Optional.empty())");
        Objects.requireNonNull(tokenIssuer, "token issuer");
        Objects.requireNonNull(descriptor, "descriptor placement");
        Objects.requireNonNull(rateLimit, "rate limit");
        if (upstreamTimeout.isNegative() || upstreamTimeout.isZero()) {
            throw new IllegalArgumentException("upstream timeout must be positive");
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("max request size must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The platform's own issuer and audience of access tokens (user-service's defaults). */
    public static final String PLATFORM_ISSUER = "https://videoplatform.dev";
    public static final String PLATFORM_AUDIENCE = "videoplatform";

    /**
     * A builder set up for one installed platform: every client-facing service of the contracts
     * at {@code <instance>-<owner>:<port>} (the Services the operator creates), streaming-service
     * likewise, and user-service's JWKS as the token issuer. Callers may override any of it.
     */
    public static Builder forInstance(DescriptorSet contracts, String instance, int servicePort) {
        Builder builder = new Builder()
                .streaming(new Upstream(instance + "-streaming", servicePort))
                .uploads(new Upstream(instance + "-upload", servicePort))
                .notifications(new Upstream(instance + "-notification", servicePort))
                .tokenIssuer(new TokenIssuer(java.net.URI.create("http://" + instance + "-user:" + servicePort
                        + "/.well-known/jwks.json"), PLATFORM_ISSUER, List.of(PLATFORM_AUDIENCE)));
        for (ClientFacingApi.Service service : ClientFacingApi.of(contracts).services()) {
            builder.grpcUpstream(service.fullName(), new Upstream(instance + "-" + service.owner(), servicePort));
        }
        return builder;
    }

    /** Defaults: port 8080, mounted descriptor, any CORS origin, 30 s upstream timeout, 1 MiB bodies. */
    public static final class Builder {
        private int listenerPort = 8080;
        private final Map<String, Upstream> grpcUpstreams = new LinkedHashMap<>();
        private Upstream streaming;
        private Upstream uploads;
        private Upstream notifications;
        private TokenIssuer tokenIssuer;
        private DescriptorPlacement descriptor = DescriptorPlacement.mountedAt(DEFAULT_DESCRIPTOR_PATH);
        private List<String> corsOrigins = List.of("*");
        private RateLimitBucket rateLimit = new RateLimitBucket(400, 200, Duration.ofSeconds(1));
        private Duration upstreamTimeout = Duration.ofSeconds(30);
        private int maxRequestBytes = 1024 * 1024;

        private Builder() {
        }

        public Builder listenerPort(int port) {
            this.listenerPort = port;
            return this;
        }

        public Builder grpcUpstream(String serviceFullName, Upstream upstream) {
            grpcUpstreams.put(serviceFullName, upstream);
            return this;
        }

        public Builder streaming(Upstream upstream) {
            this.streaming = upstream;
            return this;
        }

        public Builder uploads(Upstream upstream) {
            this.uploads = upstream;
            return this;
        }

        public Builder notifications(Upstream upstream) {
            this.notifications = upstream;
            return this;
        }

        public Builder tokenIssuer(TokenIssuer issuer) {
            this.tokenIssuer = issuer;
            return this;
        }

        public Builder descriptor(DescriptorPlacement placement) {
            this.descriptor = placement;
            return this;
        }

        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = origins;
            return this;
        }

        public Builder rateLimit(RateLimitBucket bucket) {
            this.rateLimit = bucket;
            return this;
        }

        public Builder upstreamTimeout(Duration timeout) {
            this.upstreamTimeout = timeout;
            return this;
        }

        public Builder maxRequestBytes(int bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        public GatewaySpec build() {
            return new GatewaySpec(listenerPort, grpcUpstreams, streaming, Optional.ofNullable(uploads),
                    Optional.ofNullable(notifications), tokenIssuer, descriptor, corsOrigins,
                    rateLimit, upstreamTimeout, maxRequestBytes);
        }
    }
}
