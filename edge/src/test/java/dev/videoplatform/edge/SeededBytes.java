package dev.videoplatform.edge;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Random;

/**
 * An upload body made on the fly: {@code size} seeded random bytes in 64 KiB pieces, with a
 * {@code pause} before every piece after the first, so a test can send a large or a slow body
 * without holding it in memory.
 */
final class SeededBytes extends InputStream {

    private static final int PIECE = 65_536;

    private final Random random;
    private final Duration pause;
    private long remaining;
    private int leftInPiece = PIECE;

    SeededBytes(long seed, long size, Duration pause) {
        this.random = new Random(seed);
        this.remaining = size;
        this.pause = pause;
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
        if (remaining == 0) {
            return -1;
        }
        if (leftInPiece == 0) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted between pieces");
            }
            leftInPiece = PIECE;
        }
        int n = (int) Math.min(Math.min(length, leftInPiece), remaining);
        byte[] piece = new byte[n];
        random.nextBytes(piece);
        System.arraycopy(piece, 0, buffer, offset, n);
        leftInPiece -= n;
        remaining -= n;
        return n;
    }
}
