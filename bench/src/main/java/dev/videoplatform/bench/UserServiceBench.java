package dev.videoplatform.bench;

import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * user-service benchmark (bench/user-service.sh starts the service): the gRPC health check as the
 * transport baseline, GetUser served from the Redis cache, Login, and the bare Argon2id hash that
 * dominates Login, all in one run against one server.
 *
 * <p>Arguments: host port seconds.
 */
public final class UserServiceBench {

    private UserServiceBench() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Duration measured = Duration.ofSeconds(Long.parseLong(args[2]));
        Duration warmup = Duration.ofSeconds(3);
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        try {
            var users = UserServiceGrpc.newFutureStub(channel);
            var health = HealthGrpc.newFutureStub(channel);
            String username = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            String password = "benchmark password 123";
            String userId = UserServiceGrpc.newBlockingStub(channel).register(RegisterRequest.newBuilder()
                    .setUsername(username).setEmail(username + "@example.com").setPassword(password).build())
                    .getUser().getUserId();
            GetUserRequest getUser = GetUserRequest.newBuilder().setUserId(userId).build();
            LoginRequest login = LoginRequest.newBuilder().setUsernameOrEmail(username).setPassword(password).build();

            System.out.println(LoadResult.header());
            for (int concurrency : new int[] {1, 32}) {
                System.out.println(ClosedLoopLoad.run("grpc.health.v1.Health/Check (baseline)", concurrency, warmup,
                        measured, () -> health.check(HealthCheckRequest.getDefaultInstance())).row());
                System.out.println(ClosedLoopLoad.run("UserService/GetUser (cached)", concurrency, warmup, measured,
                        () -> users.getUser(getUser)).row());
            }
            for (int concurrency : new int[] {1, 4}) {
                System.out.println(ClosedLoopLoad.run("UserService/Login", concurrency, warmup, measured,
                        () -> users.login(login)).row());
            }
            System.out.printf(Locale.ROOT, "%nArgon2id m=19456 KiB, t=2, p=1 (the service's defaults), one hash on one core: %.1f ms%n",
                    argon2Millis(30));
        } finally {
            channel.shutdownNow();
        }
    }

    /** Mean time of one hash with the service's default cost, after a warm-up. */
    static double argon2Millis(int runs) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(19456).withIterations(2)
                .withParallelism(1).withSalt(new byte[16]).build();
        byte[] out = new byte[32];
        for (int i = 0; i < 5; i++) {
            hash(params, out);
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            hash(params, out);
        }
        return (System.nanoTime() - start) / 1e6 / runs;
    }

    private static void hash(Argon2Parameters params, byte[] out) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        generator.generateBytes("benchmark password 123".getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
    }
}
