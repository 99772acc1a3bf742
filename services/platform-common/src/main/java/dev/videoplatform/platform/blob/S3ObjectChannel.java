package dev.videoplatform.platform.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A read-only channel over one object version: each read continues one ranged GET from the
 * current position; a seek elsewhere aborts it (rather than draining the rest) and the next read
 * starts a new one. The ETag pins the version, so a replaced object fails the read instead of
 * mixing bytes of two versions.
 */
final class S3ObjectChannel implements SeekableByteChannel {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String etag;
    private final long size;
    private long position;
    private ResponseInputStream<GetObjectResponse> body;
    private long bodyPosition;
    private boolean open = true;

    S3ObjectChannel(S3Client s3, String bucket, String key, String etag, long size) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        requireOpen();
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (body == null || bodyPosition != position) {
            abortBody();
            try {
                body = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).ifMatch(etag)
                        .range("bytes=" + position + "-").build());
            } catch (SdkException e) {
                throw new IOException("reading " + key + " from bucket " + bucket + " failed", e);
            }
            bodyPosition = position;
        }
        byte[] chunk = new byte[(int) Math.min(dst.remaining(), 64 * 1024)];
        int n = body.read(chunk);
        if (n < 0) {
            throw new IOException(key + " ended at " + position + " of " + size + " bytes");
        }
        dst.put(chunk, 0, n);
        position += n;
        bodyPosition += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        requireOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        requireOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        requireOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        abortBody();
    }

    private void abortBody() {
        if (body != null) {
            body.abort();
            body = null;
        }
    }

    private void requireOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
