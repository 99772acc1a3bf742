package dev.videoplatform.analytics.streams;

import java.nio.charset.StandardCharsets;

/**
 * HyperLogLog over viewer keys with 2^11 one-byte registers (2 KiB per video): relative standard
 * error 1.04 / √2048 ≈ 2.3 %, exact-ish below ~5,000 viewers thanks to linear counting.
 * Mergeable (register-wise max), so per-partition sketches could be combined.
 */
final class ViewerSketch {

    static final int PRECISION = 11;
    static final int REGISTERS = 1 << PRECISION;

    private ViewerSketch() {
    }

    static byte[] empty() {
        return new byte[REGISTERS];
    }

    /** Adds {@code viewer} to {@code registers} in place; true when a register changed. */
    static boolean add(byte[] registers, String viewer) {
        long hash = hash(viewer);
        int index = (int) (hash >>> (64 - PRECISION));
        long rest = hash << PRECISION;
        byte rank = (byte) Math.min(64 - PRECISION + 1, Long.numberOfLeadingZeros(rest) + 1);
        if (rank > registers[index]) {
            registers[index] = rank;
            return true;
        }
        return false;
    }

    static long estimate(byte[] registers) {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += 1.0 / (1L << register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        double estimate = alpha * REGISTERS * REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            estimate = REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        return Math.round(estimate);
    }

    /** 64-bit FNV-1a over the UTF-8 bytes, then MurmurHash3's finalizer to spread the bits. */
    static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53d1a81L;
        h ^= h >>> 33;
        return h;
    }
}
