package dev.videoplatform.admin.repository;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The audit log's hash chain: an entry's hash is SHA-256 over the previous entry's hash and a
 * canonical encoding of every field of the entry (each value length-prefixed, so no two
 * different entries encode alike; times in epoch microseconds, PostgreSQL's precision).
 */
public final class AuditChain {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(AuditRecord e) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        text(sha, e.previousHash());
        number(sha, e.seq());
        text(sha, e.id());
        number(sha, e.action().getNumber());
        text(sha, e.actorId());
        text(sha, e.videoId());
        text(sha, e.userId());
        text(sha, e.reportId());
        text(sha, e.reason());
        text(sha, e.copyrightClaimant());
        number(sha, e.endTime() == null ? -1 : micros(e.endTime()));
        text(sha, e.requestId());
        text(sha, e.traceId());
        number(sha, micros(e.createdAt()));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Whether a stored entry's hash matches its fields and the given previous hash. */
    public static boolean intact(AuditRecord e, String previousHash) {
        return e.previousHash().equals(previousHash) && hash(e).equals(e.hash());
    }

    /** Times are stored and hashed at microsecond precision. */
    public static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    private static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }

    private static void text(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        number(sha, bytes.length);
        sha.update(bytes);
    }

    private static void number(MessageDigest sha, long value) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }
}
