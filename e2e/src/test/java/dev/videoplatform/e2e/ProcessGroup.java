package dev.videoplatform.e2e;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.PlatformProcesses;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestServiceIdentity;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One e2e class's services: their packaged applications as processes on the shared devstack
 * (logs and blobs under the class's work directory) and gRPC channels to them, all closed
 * together. The settings they share grow as services start: user-service's tokens are trusted
 * and clients point at the services started through this group.
 */
final class ProcessGroup implements AutoCloseable {

    private final Path work;
    private final Map<String, String> common = new HashMap<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    ProcessGroup(Path work) {
        this.work = work;
        try {
            Files.createDirectories(work.resolve("blobs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DevstackSettings stack = Devstack.shared().settings();
        common.putAll(Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers(), "quarkus.redis.hosts", stack.redisUrl(),
                "videoplatform.blob.root", work.resolve("blobs").toString(), "videoplatform.page-token.secret", "e2e-page-secret",
                "videoplatform.rate-limit.enabled", "false", "videoplatform.service-identity.key", TestServiceIdentity.key()));
    }

    /** A copy of the settings every service of the group shares, to add a service's own to. */
    Map<String, String> config() {
        return new HashMap<>(common);
    }

    /** The shared settings plus those of {@code database}, created on the devstack. */
    Map<String, String> config(String database) {
        Devstack.shared().createDatabase(database);
        Map<String, String> config = config();
        config.putAll(Devstack.shared().settings().quarkusConfig(database));
        return config;
    }

    /** user-service on {@code database} (and {@code extra}); the group's services then trust its tokens and call it. */
    ServiceProcess startUserService(String database, Map<String, String> extra) throws Exception {
        Map<String, String> config = config(database);
        config.put("videoplatform.user.signing-key.location", work.resolve("jwt-signing-key.pem").toString());
        config.put("videoplatform.user.signing-key.generate-if-missing", "true");
        config.putAll(extra);
        ServiceProcess users = start("user-service", config);
        common.put("videoplatform.auth.jwks-url", users.baseUrl() + "/.well-known/jwks.json");
        common.putAll(PlatformProcesses.clientConfig("user", users));
        return users;
    }

    /** upload-service on {@code database}; the group's services then call it. */
    ServiceProcess startUploadService(String database) throws Exception {
        return startUploadService(database, Map.of());
    }

    /** upload-service on {@code database} with {@code extra} settings; the group's services then call it. */
    ServiceProcess startUploadService(String database, Map<String, String> extra) throws Exception {
        Map<String, String> config = config(database);
        config.put("videoplatform.upload.url-secret", "e2e-url-secret");
        config.putAll(extra);
        ServiceProcess uploads = start("upload-service", config);
        common.putAll(PlatformProcesses.clientConfig("upload", uploads));
        return uploads;
    }

    /** analytics-service on {@code database}, its Kafka Streams state under the work directory; the group's services then call it. */
    ServiceProcess startAnalyticsService(String database) throws Exception {
        Map<String, String> config = config(database);
        config.put("kafka-streams.state.dir", work.resolve("streams").toString());
        ServiceProcess analytics = start("analytics-service", config);
        common.putAll(PlatformProcesses.clientConfig("analytics", analytics));
        return analytics;
    }

    /** Starts {@code service} (e.g. {@code user-service}), logging to {@code <work>/<service>.log}. */
    ServiceProcess start(String service, Map<String, String> config) throws Exception {
        ServiceProcess process = ServiceProcess.start(PlatformProcesses.jar(service), config, work.resolve(service + ".log"));
        processes.add(process);
        return process;
    }

    /** The local edge (HTTP/JSON and the web app), ready once {@code /healthz} answers. */
    ServiceProcess startEdge(Map<String, String> config) throws Exception {
        ServiceProcess edge = ServiceProcess.start(Path.of("..", "edge", "target", "quarkus-app", "quarkus-run.jar"), config,
                work.resolve("edge.log"), "/healthz");
        processes.add(edge);
        return edge;
    }

    /** A plaintext channel to {@code service}. */
    Channel channel(ServiceProcess service) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.port()).usePlaintext().build();
        channels.add(channel);
        return channel;
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        processes.forEach(ServiceProcess::close);
    }
}
