package dev.videoplatform.platform.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A store's multipart uploads: an object assembled from parts that live in the store (not on
 * this machine) until completed, so any process may add the next part. Every part but the last
 * must be at least {@link #MIN_PART_SIZE} bytes on AWS S3. Blocking I/O: worker threads only.
 */
public interface MultipartUploads {

    /** S3's minimum size of every part but the last. */
    long MIN_PART_SIZE = 5L << 20;

    /** An acknowledged part. */
    record Part(int number, String etag, long size) {
    }

    /** Starts a multipart upload of {@code key}; returns its id. */
    String create(String key) throws IOException;

    /**
     * Uploads the remaining bytes of {@code part} as part {@code number}; returns its ETag. The
     * buffer is read, not consumed, and must not change until this returns.
     */
    String uploadPart(String key, String uploadId, int number, ByteBuffer part) throws IOException;

    /** Assembles the parts, in order, into {@code key}. */
    void complete(String key, String uploadId, List<Part> parts) throws IOException;

    /** Drops the upload and its parts; an unknown or finished upload is fine. */
    void abort(String key, String uploadId) throws IOException;

    /** Ids of the multipart uploads of {@code key} still in progress. */
    List<String> inProgress(String key) throws IOException;
}
