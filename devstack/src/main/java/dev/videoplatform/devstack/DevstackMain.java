package dev.videoplatform.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code devstack up [home]}: starts the durable local stack on the fixed ports of ARCHITECTURE.md
 * (PostgreSQL 15432, Kafka 19092, Redis 16379), creates every service database, writes the
 * connection settings to {@code <home>/env} and runs until Ctrl-C or SIGTERM.
 */
public final class DevstackMain {

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
        for (String database : Devstack.SERVICE_DATABASES) {
            stack.createDatabase(database);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("devstack: stopping");
            stack.close();
            stopped.countDown();
        }, "devstack-stop"));

        Map<String, String> env = stack.settings().toEnvironment();
        Path envFile = home.resolve("env");
        Files.writeString(envFile, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        System.out.printf("devstack: up in %d ms (data in %s)%n", (System.nanoTime() - begin) / 1_000_000, home);
        System.out.printf("  PostgreSQL  %s (user %s; databases %s)%n", stack.settings().jdbcUrl("<db>"),
                stack.settings().postgresUser(), String.join(", ", Devstack.SERVICE_DATABASES));
        System.out.printf("  Kafka       %s%n", stack.settings().kafkaBootstrapServers());
        System.out.printf("  Redis       %s%n", stack.settings().redisUrl());
        System.out.printf("  settings    %s (source it, or let tests pick it up from the environment)%n", envFile);
        System.out.println("devstack: ready; Ctrl-C stops it");
        stopped.await();
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
