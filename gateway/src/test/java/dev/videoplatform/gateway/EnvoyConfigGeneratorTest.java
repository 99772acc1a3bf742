package dev.videoplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.AnnotationsProto;
import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.videoplatform.options.v1.Access;
import dev.videoplatform.options.v1.OptionsProto;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.grpc_json_transcoder.v3.GrpcJsonTranscoder;
import io.envoyproxy.envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication;
import io.envoyproxy.envoy.extensions.filters.http.jwt_authn.v3.JwtRequirement;
import io.envoyproxy.envoy.extensions.filters.http.jwt_authn.v3.RequirementRule;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated envoy.yaml for the platform's real contracts, read back with Envoy's own API. */
class EnvoyConfigGeneratorTest {

    private static final DescriptorSet CONTRACTS = DescriptorSet.platform();

    @Test
    void isAValidEnvoyV3BootstrapWithKnownExtensionsOnly() throws Exception {
        for (DescriptorPlacement placement : List.of(DescriptorPlacement.mountedAt("/etc/envoy/descriptor_set.pb"), DescriptorPlacement.embedded())) {
            Bootstrap bootstrap = EnvoyBootstrap.parse(generate(spec(placement)).yaml());

            assertThat(EnvoyBootstrap.violations(bootstrap)).isEmpty();
            assertThat(filterNames(bootstrap)).containsExactly(
                    "envoy.filters.http.cors", "envoy.filters.http.local_ratelimit",
                    "envoy.filters.http.grpc_json_transcoder", "envoy.filters.http.jwt_authn", "envoy.filters.http.router");
        }
    }

    @Test
    void theValidationCatchesWhatEnvoyWouldRefuse() throws Exception {
        String yaml = generate(spec(DescriptorPlacement.embedded())).yaml();

        assertThatThrownBy(() -> EnvoyBootstrap.parse(yaml.replace("stat_prefix: ingress_http", "stats_prefix: ingress_http")))
                .isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> EnvoyBootstrap.parse(yaml.replace("cors.v3.CorsPolicy", "cors.v3.CorsPolicies")))
                .isInstanceOf(InvalidProtocolBufferException.class);
        Bootstrap bootstrap = EnvoyBootstrap.parse(yaml);
        Bootstrap withoutName = bootstrap.toBuilder().setStaticResources(bootstrap.getStaticResources().toBuilder()
                .setClusters(0, bootstrap.getStaticResources().getClusters(0).toBuilder().clearConnectTimeout().setName("")))
                .build();
        assertThat(EnvoyBootstrap.violations(withoutName)).anyMatch(v -> v.contains("clusters[0].name"));
        Bootstrap withDeprecatedField = bootstrap.toBuilder().setStaticResources(bootstrap.getStaticResources().toBuilder()
                .setClusters(0, bootstrap.getStaticResources().getClusters(0).toBuilder()
                        .setHttp2ProtocolOptions(io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions.getDefaultInstance())))
                .build();
        assertThat(EnvoyBootstrap.violations(withDeprecatedField)).anyMatch(v -> v.contains("http2_protocol_options is deprecated"));
    }

    @Test
    void transcodesEveryServiceWithAnHttpRuleAndRoutesItOverHttp2() throws Exception {
        Bootstrap bootstrap = EnvoyBootstrap.parse(generate(spec(DescriptorPlacement.embedded())).yaml());
        GrpcJsonTranscoder transcoder = filterConfig(bootstrap, "envoy.filters.http.grpc_json_transcoder", GrpcJsonTranscoder.class);
        Set<String> annotated = servicesWithHttpRules(CONTRACTS.proto());

        assertThat(annotated).contains("videoplatform.user.v1.UserService", "videoplatform.upload.v1.VideoService")
                .doesNotContain("videoplatform.transcode.v1.TranscodeAdmin");
        assertThat(transcoder.getServicesList()).containsExactlyInAnyOrderElementsOf(annotated);
        for (String service : annotated) {
            Route route = routes(bootstrap).stream()
                    .filter(r -> r.getMatch().getPrefix().equals("/" + service + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError("no route for " + service));
            assertThat(route.getMatch().hasGrpc()).isTrue();
            Cluster cluster = cluster(bootstrap, route.getRoute().getCluster()).orElseThrow();
            assertThat(protocolOptions(cluster).getExplicitHttpConfig().hasHttp2ProtocolOptions()).as(service).isTrue();
        }
        assertThat(transcoder.getPrintOptions().getAlwaysPrintPrimitiveFields()).isTrue();
        assertThat(transcoder.getPrintOptions().getPreserveProtoFieldNames()).isFalse();
        assertThat(transcoder.getRequestValidationOptions().getRejectUnknownQueryParameters()).isTrue();
        assertThat(transcoder.getRequestValidationOptions().getRejectUnknownMethod()).isTrue();
        assertThat(transcoder.getConvertGrpcStatus()).isTrue();
        assertThat(transcoder.getQueryParamUnescapePlus()).isTrue();
        assertThat(transcoder.getPrintOptions().getStreamNewlineDelimited()).as("same NDJSON as the local edge").isTrue();
    }

    @Test
    void everyClusterResolvesEachPodBehindAHeadlessServiceAndBalancesRequestsOverThem() throws Exception {
        Bootstrap bootstrap = EnvoyBootstrap.parse(generate(spec(DescriptorPlacement.embedded())).yaml());

        // The operator's Services are headless: DNS answers one address per ready pod, and STRICT_DNS
        // makes each an endpoint (LOGICAL_DNS would keep only the first, a ClusterIP only one).
        assertThat(bootstrap.getStaticResources().getClustersList()).isNotEmpty().allSatisfy(cluster -> {
            assertThat(cluster.getType()).as(cluster.getName()).isEqualTo(Cluster.DiscoveryType.STRICT_DNS);
            assertThat(cluster.getLbPolicy()).as(cluster.getName()).isEqualTo(Cluster.LbPolicy.ROUND_ROBIN);
        });
    }

    @Test
    void everyRouteTargetExistsIncludingTheJwksCluster() throws Exception {
        Bootstrap bootstrap = EnvoyBootstrap.parse(generate(spec(DescriptorPlacement.embedded())).yaml());
        Set<String> clusters = bootstrap.getStaticResources().getClustersList().stream().map(Cluster::getName).collect(Collectors.toSet());

        for (Route route : routes(bootstrap)) {
            assertThat(route.hasRoute() || route.hasDirectResponse()).as(route.getName()).isTrue();
            if (route.hasRoute()) {
                assertThat(clusters).as(route.getName()).contains(route.getRoute().getCluster());
            }
        }
        JwtAuthentication jwt = filterConfig(bootstrap, "envoy.filters.http.jwt_authn", JwtAuthentication.class);
        String jwksCluster = jwt.getProvidersOrThrow(EnvoyJwtAuthn.PROVIDER).getRemoteJwks().getHttpUri().getCluster();
        Cluster jwks = cluster(bootstrap, jwksCluster).orElseThrow(() -> new AssertionError("no JWKS cluster " + jwksCluster));
        assertThat(jwks.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress().getAddress())
                .isEqualTo("videoplatform-user");
    }

    @Test
    void noRouteShadowsALaterOne() throws Exception {
        List<Route> routes = routes(EnvoyBootstrap.parse(generate(spec(DescriptorPlacement.embedded())).yaml()));

        assertThat(routes.get(routes.size() - 1).getMatch().getPrefix()).isEqualTo("/");
        for (int later = 0; later < routes.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                assertThat(shadows(routes.get(earlier).getMatch(), routes.get(later).getMatch()))
                        .as(routes.get(earlier).getName() + " shadows " + routes.get(later).getName())
                        .isFalse();
            }
        }
        RouteMatch anyPath = RouteMatch.newBuilder().setPrefix("/").build();
        assertThat(shadows(anyPath, RouteMatch.newBuilder().setPath("/healthz").build())).as("the check itself").isTrue();
    }

    @Test
    void theDescriptorSetHoldsEveryListedServiceAndTheErrorDetails() throws Exception {
        for (DescriptorPlacement placement : List.of(DescriptorPlacement.mountedAt("/etc/envoy/descriptor_set.pb"), DescriptorPlacement.embedded())) {
            EnvoyConfig config = generate(spec(placement));
            GrpcJsonTranscoder transcoder = filterConfig(EnvoyBootstrap.parse(config.yaml()), "envoy.filters.http.grpc_json_transcoder", GrpcJsonTranscoder.class);
            byte[] envoySees = placement instanceof DescriptorPlacement.Embedded
                    ? transcoder.getProtoDescriptorBin().toByteArray()
                    : config.descriptorSet();
            assertThat(envoySees).isEqualTo(config.descriptorSet());

            DescriptorSet linked = DescriptorSet.parse(envoySees);
            Set<String> services = linked.services().stream().map(s -> s.getFullName()).collect(Collectors.toSet());
            assertThat(services).containsAll(transcoder.getServicesList());
            Set<String> messages = linked.files().stream().flatMap(f -> f.getMessageTypes().stream()).map(m -> m.getFullName()).collect(Collectors.toSet());
            assertThat(messages).contains("google.rpc.Status", "google.rpc.BadRequest", "google.rpc.ErrorInfo", "google.rpc.RetryInfo");
            assertThat(linked.proto().getFileList()).noneMatch(FileDescriptorProto::hasSourceCodeInfo);
            assertThat(dependenciesComeFirst(linked.proto())).isTrue();
        }
    }

    @Test
    void publicRpcsNeedNoTokenAndAllOthersDo() throws Exception {
        JwtAuthentication jwt = filterConfig(EnvoyBootstrap.parse(generate(spec(DescriptorPlacement.embedded())).yaml()),
                "envoy.filters.http.jwt_authn", JwtAuthentication.class);
        List<String[]> rpcs = rpcsWithAccess(CONTRACTS.proto());
        assertThat(rpcs).extracting(r -> r[0]).contains("/videoplatform.user.v1.UserService/Register", "/videoplatform.user.v1.UserService/Logout");

        for (String[] rpc : rpcs) {
            Optional<JwtRequirement> requirement = requirementFor(jwt, rpc[0]);
            assertThat(requirement).as(rpc[0]).isPresent();
            if (rpc[1].equals(Access.ACCESS_PUBLIC.name())) {
                assertThat(tokenOptional(requirement.get())).as(rpc[0] + " is public").isTrue();
            } else {
                assertThat(requirement.get().getProviderName()).as(rpc[0] + " needs a token").isEqualTo(EnvoyJwtAuthn.PROVIDER);
            }
        }
        assertThat(tokenOptional(requirementFor(jwt, "/stream/0191/master.m3u8").orElseThrow())).isTrue();
        assertThat(requirementFor(jwt, "/healthz")).as("health needs no verification at all").isEmpty();
        assertThat(requirementFor(jwt, "/videoplatform.user.v1.UserService/Logout").orElseThrow().getProviderName()).isEqualTo(EnvoyJwtAuthn.PROVIDER);
        assertThat(jwt.getProvidersOrThrow(EnvoyJwtAuthn.PROVIDER).getForward()).as("services verify the token again").isTrue();
        assertThat(jwt.getProvidersOrThrow(EnvoyJwtAuthn.PROVIDER).getAudiencesList()).containsExactly("videoplatform");
    }

    @Test
    void streamIsPlainHttpToStreamingAndHealthAnswersDirectly() throws Exception {
        Bootstrap bootstrap = EnvoyBootstrap.parse(generate(spec(DescriptorPlacement.embedded())).yaml());
        Route stream = routeNamed(bootstrap, "stream");
        Route health = routeNamed(bootstrap, "health");

        assertThat(stream.getMatch().getPrefix()).isEqualTo("/stream/");
        Cluster streaming = cluster(bootstrap, stream.getRoute().getCluster()).orElseThrow();
        assertThat(protocolOptions(streaming).getExplicitHttpConfig().hasHttpProtocolOptions()).isTrue();
        assertThat(streaming.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress().getPortValue())
                .isEqualTo(8080);
        assertThat(stream.getTypedPerFilterConfigMap()).containsKey("envoy.filters.http.grpc_json_transcoder");
        assertThat(health.getDirectResponse().getStatus()).isEqualTo(200);
        assertThat(health.getTypedPerFilterConfigMap()).containsKeys("envoy.filters.http.grpc_json_transcoder", "envoy.filters.http.local_ratelimit");
    }

    @Test
    void signedUploadsAndTheEmailsUnsubscribeLinkArePlainHttpWithoutAToken() throws Exception {
        Bootstrap bootstrap = instanceConfig();
        JwtAuthentication jwt = filterConfig(bootstrap, "envoy.filters.http.jwt_authn", JwtAuthentication.class);

        Route uploads = routeNamed(bootstrap, "uploads");
        assertThat(uploads.getMatch().getPrefix()).isEqualTo("/uploads/");
        assertThat(uploads.getRoute().getTimeout().getSeconds()).as("a 2 GiB PUT may take long").isZero();
        assertPlainHttpBeforeTheCatchAll(bootstrap, uploads, "videos-upload");
        assertThat(tokenOptional(requirementFor(jwt, "/uploads/0191?expires=1&max=2&sig=x").orElseThrow())).isTrue();

        // RFC 8058's link: a form POST and an HTML page, not JSON to transcode; the token is in the URL.
        Route unsubscribe = routeNamed(bootstrap, "unsubscribe");
        assertThat(unsubscribe.getMatch().getPath()).isEqualTo("/v1/notifications/unsubscribe");
        assertPlainHttpBeforeTheCatchAll(bootstrap, unsubscribe, "videos-notification");
        assertThat(tokenOptional(requirementFor(jwt, "/v1/notifications/unsubscribe").orElseThrow())).isTrue();
        assertThat(tokenOptional(requirementFor(jwt, "/videoplatform.notification.v1.NotificationService/ListNotifications")
                .orElseThrow())).as("the rest of the service still needs a token").isFalse();
    }

    /** The generated config of an installed platform named "videos". */
    private static Bootstrap instanceConfig() throws Exception {
        GatewaySpec spec = GatewaySpec.forInstance(CONTRACTS, "videos", 8080).descriptor(DescriptorPlacement.embedded()).build();
        return EnvoyBootstrap.parse(EnvoyConfigGenerator.generate(CONTRACTS, spec).yaml());
    }

    /** {@code route} skips the transcoder, goes over HTTP/1.1 to {@code host}, and is tried before the JSON 404. */
    private static void assertPlainHttpBeforeTheCatchAll(Bootstrap bootstrap, Route route, String host)
            throws InvalidProtocolBufferException {
        assertThat(route.getTypedPerFilterConfigMap()).containsKey("envoy.filters.http.grpc_json_transcoder");
        Cluster cluster = cluster(bootstrap, route.getRoute().getCluster()).orElseThrow();
        assertThat(protocolOptions(cluster).getExplicitHttpConfig().hasHttpProtocolOptions()).isTrue();
        assertThat(cluster.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress()
                .getAddress()).isEqualTo(host);
        List<String> names = routes(bootstrap).stream().map(Route::getName).toList();
        assertThat(names.indexOf(route.getName())).as("before the catch-all 404").isLessThan(names.size() - 1);
    }

    @Test
    void corsAndRateLimitFollowTheSpec() throws Exception {
        GatewaySpec.Builder spec = GatewaySpec.builder()
                .streaming(new Upstream("videoplatform-streaming", 8080))
                .tokenIssuer(issuer())
                .corsOrigins(List.of("https://app.example.com"))
                .rateLimit(new RateLimitBucket(50, 10, java.time.Duration.ofMillis(500)))
                .listenerPort(10000)
                .descriptor(DescriptorPlacement.embedded());
        upstreams(spec);
        Bootstrap bootstrap = EnvoyBootstrap.parse(EnvoyConfigGenerator.generate(CONTRACTS, spec.build()).yaml());
        VirtualHost host = connectionManager(bootstrap).getRouteConfig().getVirtualHosts(0);
        var cors = host.getTypedPerFilterConfigOrThrow("envoy.filters.http.cors")
                .unpack(io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy.class);
        var limit = filterConfig(bootstrap, "envoy.filters.http.local_ratelimit",
                io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit.class);

        assertThat(cors.getAllowOriginStringMatch(0).getExact()).isEqualTo("https://app.example.com");
        assertThat(cors.getAllowHeaders()).contains("authorization");
        assertThat(limit.getTokenBucket().getMaxTokens()).isEqualTo(50);
        assertThat(limit.getTokenBucket().getFillInterval().getNanos()).isEqualTo(500_000_000);
        assertThat(limit.getResponseHeadersToAdd(0).getHeader().getKey()).isEqualTo("retry-after");
        assertThat(bootstrap.getStaticResources().getListeners(0).getAddress().getSocketAddress().getPortValue()).isEqualTo(10000);
    }

    @Test
    void refusesUpstreamsThatDoNotMatchTheContracts() {
        GatewaySpec.Builder missingOne = GatewaySpec.builder().streaming(new Upstream("s", 1)).tokenIssuer(issuer());
        upstreams(missingOne);
        missingOne.grpcUpstream("videoplatform.transcode.v1.TranscodeAdmin", new Upstream("t", 1));

        assertThatThrownBy(() -> EnvoyConfigGenerator.generate(CONTRACTS, missingOne.build()))
                .hasMessageContaining("not client-facing [videoplatform.transcode.v1.TranscodeAdmin]");
        GatewaySpec.Builder none = GatewaySpec.builder().streaming(new Upstream("s", 1)).tokenIssuer(issuer());
        assertThatThrownBy(() -> EnvoyConfigGenerator.generate(CONTRACTS, none.build()))
                .hasMessageContaining("videoplatform.user.v1.UserService");
    }

    @Test
    void derivesExposureFromTheDescriptorsNotFromNames() throws Exception {
        DescriptorSet contracts = DescriptorSet.parse(syntheticContracts().toByteArray());
        GatewaySpec spec = GatewaySpec.builder()
                .grpcUpstream("shop.v1.ShopService", new Upstream("shop", 9000))
                .streaming(new Upstream("streaming", 8080))
                .tokenIssuer(issuer())
                .descriptor(DescriptorPlacement.embedded())
                .build();
        Bootstrap bootstrap = EnvoyBootstrap.parse(EnvoyConfigGenerator.generate(contracts, spec).yaml());
        GrpcJsonTranscoder transcoder = filterConfig(bootstrap, "envoy.filters.http.grpc_json_transcoder", GrpcJsonTranscoder.class);
        JwtAuthentication jwt = filterConfig(bootstrap, "envoy.filters.http.jwt_authn", JwtAuthentication.class);
        List<String> routeNames = routes(bootstrap).stream().map(Route::getName).toList();

        assertThat(transcoder.getServicesList()).containsExactly("shop.v1.ShopService");
        assertThat(routeNames.indexOf("/shop.v1.ShopService/Reindex")).as("internal RPC blocked before its service's route")
                .isBetween(0, routeNames.indexOf("shop.v1.ShopService"));
        assertThat(routeNamed(bootstrap, "/shop.v1.ShopService/Reindex").getDirectResponse().getStatus()).isEqualTo(404);
        assertThat(tokenOptional(requirementFor(jwt, "/shop.v1.ShopService/Browse").orElseThrow())).isTrue();
        assertThat(requirementFor(jwt, "/shop.v1.ShopService/Buy").orElseThrow().getProviderName()).isEqualTo(EnvoyJwtAuthn.PROVIDER);
        assertThat(EnvoyBootstrap.violations(bootstrap)).isEmpty();
    }

    // --- the platform's contracts, read independently of the generator's own reading ---

    private static Set<String> servicesWithHttpRules(FileDescriptorSet set) {
        Set<String> services = new TreeSet<>();
        for (FileDescriptorProto file : set.getFileList()) {
            for (ServiceDescriptorProto service : file.getServiceList()) {
                if (service.getMethodList().stream().anyMatch(m -> m.getOptions().hasExtension(AnnotationsProto.http))) {
                    services.add(file.getPackage() + "." + service.getName());
                }
            }
        }
        return services;
    }

    /** gRPC path and access of every RPC of every service with an http rule. */
    private static List<String[]> rpcsWithAccess(FileDescriptorSet set) {
        Set<String> annotated = servicesWithHttpRules(set);
        List<String[]> rpcs = new ArrayList<>();
        for (FileDescriptorProto file : set.getFileList()) {
            for (ServiceDescriptorProto service : file.getServiceList()) {
                String name = file.getPackage() + "." + service.getName();
                if (annotated.contains(name)) {
                    for (MethodDescriptorProto method : service.getMethodList()) {
                        rpcs.add(new String[] {"/" + name + "/" + method.getName(), method.getOptions().getExtension(OptionsProto.access).name()});
                    }
                }
            }
        }
        return rpcs;
    }

    // --- Envoy semantics the assertions rely on ---

    /** Whether every request {@code later} matches is matched by {@code earlier} first. */
    private static boolean shadows(RouteMatch earlier, RouteMatch later) {
        if (earlier.hasGrpc() && !later.hasGrpc()) {
            return false;
        }
        String laterPath = later.hasPath() ? later.getPath() : later.getPrefix();
        if (earlier.hasPath()) {
            return later.hasPath() && earlier.getPath().equals(laterPath);
        }
        return laterPath.startsWith(earlier.getPrefix());
    }

    /** jwt_authn: the first rule whose path or prefix matches decides; no rule means no check. */
    private static Optional<JwtRequirement> requirementFor(JwtAuthentication jwt, String path) {
        for (RequirementRule rule : jwt.getRulesList()) {
            RouteMatch match = rule.getMatch();
            boolean matches = match.hasPath() ? match.getPath().equals(path) : path.startsWith(match.getPrefix());
            if (matches) {
                if (rule.hasRequires()) {
                    return Optional.of(rule.getRequires());
                }
                return rule.getRequirementName().isEmpty()
                        ? Optional.empty()
                        : Optional.of(jwt.getRequirementMapOrThrow(rule.getRequirementName()));
            }
        }
        return Optional.empty();
    }

    /** A token is verified if present but may be missing: our provider OR allow_missing. */
    private static boolean tokenOptional(JwtRequirement requirement) {
        List<JwtRequirement> any = requirement.getRequiresAny().getRequirementsList();
        return any.stream().anyMatch(JwtRequirement::hasAllowMissing)
                && any.stream().anyMatch(r -> r.getProviderName().equals(EnvoyJwtAuthn.PROVIDER));
    }

    private static boolean dependenciesComeFirst(FileDescriptorSet set) {
        Set<String> seen = new TreeSet<>();
        for (FileDescriptorProto file : set.getFileList()) {
            if (!seen.containsAll(file.getDependencyList())) {
                return false;
            }
            seen.add(file.getName());
        }
        return true;
    }

    // --- fixtures ---

    private static EnvoyConfig generate(GatewaySpec spec) {
        return EnvoyConfigGenerator.generate(CONTRACTS, spec);
    }

    private static GatewaySpec spec(DescriptorPlacement placement) {
        GatewaySpec.Builder spec = GatewaySpec.builder()
                .streaming(new Upstream("videoplatform-streaming", 8080))
                .tokenIssuer(issuer())
                .descriptor(placement);
        upstreams(spec);
        return spec.build();
    }

    private static void upstreams(GatewaySpec.Builder spec) {
        for (ClientFacingApi.Service service : ClientFacingApi.of(CONTRACTS).services()) {
            spec.grpcUpstream(service.fullName(), new Upstream("videoplatform-" + service.owner(), 8080));
        }
    }

    private static TokenIssuer issuer() {
        return new TokenIssuer(URI.create("http://videoplatform-user:8080/.well-known/jwks.json"), "https://videoplatform.dev", List.of("videoplatform"));
    }

    /** A shop with a public, an authenticated and an internal RPC, and a service without http rules. */
    private static FileDescriptorSet syntheticContracts() throws InvalidProtocolBufferException {
        FileDescriptorProto shop = FileDescriptorProto.newBuilder()
                .setName("shop/v1/shop.proto").setPackage("shop.v1").setSyntax("proto3")
                .addDependency("google/api/annotations.proto").addDependency("videoplatform/options/v1/options.proto")
                .addMessageType(com.google.protobuf.DescriptorProtos.DescriptorProto.newBuilder().setName("Item"))
                .addService(ServiceDescriptorProto.newBuilder().setName("ShopService")
                        .addMethod(method("Browse", "/v1/items", Access.ACCESS_PUBLIC))
                        .addMethod(method("Buy", "/v1/items:buy", Access.ACCESS_AUTHENTICATED))
                        .addMethod(method("Reindex", null, Access.ACCESS_INTERNAL)))
                .addService(ServiceDescriptorProto.newBuilder().setName("Warehouse")
                        .addMethod(method("Count", null, Access.ACCESS_INTERNAL)))
                .build();
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        for (FileDescriptorProto file : List.of(
                com.google.protobuf.DescriptorProtos.getDescriptor().toProto(),
                com.google.api.HttpProto.getDescriptor().toProto(),
                AnnotationsProto.getDescriptor().toProto(),
                OptionsProto.getDescriptor().toProto(),
                shop)) {
            set.addFile(file);
        }
        ExtensionRegistry extensions = ExtensionRegistry.newInstance();
        AnnotationsProto.registerAllExtensions(extensions);
        OptionsProto.registerAllExtensions(extensions);
        return FileDescriptorSet.parseFrom(set.build().toByteArray(), extensions);
    }

    private static MethodDescriptorProto method(String name, String httpGet, Access access) {
        var options = com.google.protobuf.DescriptorProtos.MethodOptions.newBuilder().setExtension(OptionsProto.access, access);
        if (httpGet != null) {
            options.setExtension(AnnotationsProto.http, com.google.api.HttpRule.newBuilder().setGet(httpGet).build());
        }
        return MethodDescriptorProto.newBuilder().setName(name)
                .setInputType(".shop.v1.Item").setOutputType(".shop.v1.Item").setOptions(options).build();
    }

    // --- reading the parsed bootstrap ---

    private static HttpConnectionManager connectionManager(Bootstrap bootstrap) throws InvalidProtocolBufferException {
        return bootstrap.getStaticResources().getListeners(0).getFilterChains(0).getFilters(0).getTypedConfig()
                .unpack(HttpConnectionManager.class);
    }

    private static List<String> filterNames(Bootstrap bootstrap) throws InvalidProtocolBufferException {
        return connectionManager(bootstrap).getHttpFiltersList().stream().map(HttpFilter::getName).toList();
    }

    private static <T extends Message> T filterConfig(Bootstrap bootstrap, String name, Class<T> type) throws InvalidProtocolBufferException {
        Any config = connectionManager(bootstrap).getHttpFiltersList().stream()
                .filter(f -> f.getName().equals(name)).findFirst().orElseThrow().getTypedConfig();
        return config.unpack(type);
    }

    private static List<Route> routes(Bootstrap bootstrap) throws InvalidProtocolBufferException {
        return connectionManager(bootstrap).getRouteConfig().getVirtualHosts(0).getRoutesList();
    }

    private static Route routeNamed(Bootstrap bootstrap, String name) throws InvalidProtocolBufferException {
        return routes(bootstrap).stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Optional<Cluster> cluster(Bootstrap bootstrap, String name) {
        return bootstrap.getStaticResources().getClustersList().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    private static HttpProtocolOptions protocolOptions(Cluster cluster) throws InvalidProtocolBufferException {
        return cluster.getTypedExtensionProtocolOptionsOrThrow("envoy.extensions.upstreams.http.v3.HttpProtocolOptions")
                .unpack(HttpProtocolOptions.class);
    }
}
