package dev.videoplatform.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code devstack up [home]}: starts the durable local stack on the fixed ports of ARCHITECTURE.md
 * (PostgreSQL 15432, Kafka 19092, Redis 16379), creates every service database, writes the
 * connection settings to {@code <home>/env} and runs until Ctrl-C or SIGTERM. With
 * {@code VP_BLOB_BACKEND=s3} it also runs S3Proxy (port {@code VP_DEVSTACK_S3_PORT}, 19000) with
 * the bucket {@value #BUCKET}, and the env file points the services' blob store at it.
 */
public final class DevstackMain {

    static final String BUCKET = "videoplatform";

    private DevstackMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || !args[0].equals("up")) {
            System.err.println("usage: devstack up [home-directory]   (default home: .devstack)");
            System.exit(2);
        }
        Path home = Path.of(args.length > 1 ? args[1] : ".devstack").toAbsolutePath();
        Devstack.Ports ports = new Devstack.Ports(intEnv("VP_DEVSTACK_POSTGRES_PORT", 15432),
                intEnv("VP_DEVSTACK_KAFKA_PORT", 19092), intEnv("VP_DEVSTACK_KAFKA_CONTROLLER_PORT", 19093),
                intEnv("VP_DEVSTACK_REDIS_PORT", 16379));
        long begin = System.nanoTime();
        Devstack stack = Devstack.start(home, ports, true, null);
        boolean s3 = "s3".equals(System.getenv("VP_BLOB_BACKEND"));
        S3ProxyProcess s3proxy = s3 ? S3ProxyProcess.start(Files.createDirectories(home.resolve("s3proxy")),
                intEnv("VP_DEVSTACK_S3_PORT", 19000)) : null;
        for (String database : Devstack.SERVICE_DATABASES) {
            stack.createDatabase(database);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("devstack: stopping");
            if (s3proxy != null) {
                s3proxy.close();
            }
            stack.close();
            stopped.countDown();
        }, "devstack-stop"));

        Map<String, String> env = new LinkedHashMap<>(stack.settings().toEnvironment());
        if (s3proxy != null) {
            // As environment variables (videoplatform.blob.s3.bucket -> VIDEOPLATFORM_BLOB_S3_BUCKET); the
            // services keep VP_BLOB_ROOT as their local scratch space.
            s3proxy.blobConfig(BUCKET, home.resolve("blobs")).forEach((key, value) -> {
                if (!key.equals("videoplatform.blob.root")) {
                    env.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value);
                }
            });
        }
        Path envFile = home.resolve("env");
        Files.writeString(envFile, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        System.out.printf("devstack: up in %d ms (data in %s)%n", (System.nanoTime() - begin) / 1_000_000, home);
        System.out.printf("  PostgreSQL  %s (user %s; databases %s)%n", stack.settings().jdbcUrl("<db>"),
                stack.settings().postgresUser(), String.join(", ", Devstack.SERVICE_DATABASES));
        System.out.printf("  Kafka       %s%n", stack.settings().kafkaBootstrapServers());
        System.out.printf("  Redis       %s%n", stack.settings().redisUrl());
        if (s3proxy != null) {
            System.out.printf("  S3          %s (S3Proxy, bucket %s, access key %s; objects in %s)%n", s3proxy.endpoint(),
                    BUCKET, S3ProxyProcess.ACCESS_KEY, home.resolve("s3proxy/objects"));
        }
        System.out.printf("  settings    %s (source it, or let tests pick it up from the environment)%n", envFile);
        System.out.println("devstack: ready; Ctrl-C stops it");
        stopped.await();
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
