package dev.videoplatform.upload.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.videoplatform.platform.blob.MultipartUploads;
import dev.videoplatform.upload.v1.UploadChunkRequest;
import io.smallrye.config.WithDefault;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UploadConfigTest {

    /** grpc-java parses a message from one reused buffer only up to this size; beyond, it copies twice. */
    private static final int GRPC_SINGLE_BUFFER_PARSE_LIMIT = 4 * 1024 * 1024;

    @Test
    void aFullDefaultChunkIsStillAMessageGrpcParsesInOnePiece() throws Exception {
        int chunkSize = Integer.parseInt(defaultOf("chunkSizeBytes"));
        long maxSize = Long.parseLong(defaultOf("maxSizeBytes"));

        UploadChunkRequest largest = UploadChunkRequest.newBuilder()
                .setUploadId(UUID.randomUUID().toString())
                .setOffset(maxSize - chunkSize)
                .setData(ByteString.copyFrom(new byte[chunkSize]))
                .build();

        assertTrue(largest.getSerializedSize() <= GRPC_SINGLE_BUFFER_PARSE_LIMIT,
                () -> "a full chunk makes a " + largest.getSerializedSize() + "-byte message");
        assertTrue(chunkSize > GRPC_SINGLE_BUFFER_PARSE_LIMIT - 4096, "a chunk still carries nearly 4 MiB");
    }

    @Test
    void theDefaultPartSizeIsOneAwsS3Accepts() throws Exception {
        assertTrue(Long.parseLong(defaultOf("partSizeBytes")) >= MultipartUploads.MIN_PART_SIZE);
    }

    private static String defaultOf(String property) throws NoSuchMethodException {
        return UploadConfig.class.getMethod(property).getAnnotation(WithDefault.class).value();
    }
}
