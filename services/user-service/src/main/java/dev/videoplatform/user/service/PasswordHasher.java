package dev.videoplatform.user.service;

import dev.videoplatform.platform.grpc.CallThread;
import dev.videoplatform.user.config.UserServiceConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), so
 * the cost can be raised later without breaking stored hashes. Hashing is deliberately
 * expensive, so it runs on a small pool of its own (a bulkhead), never on the event loop; the
 * result comes back on the caller's context, where the call's trace (and its ids in logs and
 * events) continues.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final UserServiceConfig.Argon2 cost;
    private final ExecutorService pool;
    /** Verified against when an account does not exist, so the answer takes as long either way. */
    private final String decoy;

    public PasswordHasher(UserServiceConfig config) {
        this.cost = config.argon2();
        this.pool = Executors.newFixedThreadPool(cost.concurrency(), r -> {
            Thread t = new Thread(r, "argon2");
            t.setDaemon(true);
            return t;
        });
        this.decoy = hashNow("decoy password that matches nothing".toCharArray());
    }

    public Uni<String> hash(String password) {
        return CallThread.offload(Uni.createFrom().item(() -> hashNow(password.toCharArray())), pool);
    }

    /** Checks {@code password} against {@code phc}, or against a decoy when there is no account. */
    public Uni<Boolean> verify(String password, String phc) {
        return CallThread.offload(Uni.createFrom().item(() -> {
            boolean matches = verifyNow(password.toCharArray(), phc == null ? decoy : phc);
            return phc != null && matches;
        }), pool);
    }

    String hashNow(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism(), HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    boolean verifyNow(char[] password, String phc) {
        String[] parts = phc.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            int value = Integer.parseInt(kv.substring(2));
            switch (kv.charAt(0)) {
                case 'm' -> m = value;
                case 't' -> t = value;
                case 'p' -> p = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(new String(password).getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
