package dev.videoplatform.bench;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Object storage benchmark (bench/storage.sh starts S3Proxy, user-, upload- and
 * streaming-service on it): each round pairs a platform path with the raw AWS SDK doing the same
 * object operations against the same server, one right after the other (the order flips every
 * round). Uploads: the gRPC stream and the signed PUT, each completed with the SHA-256 of what
 * was sent (upload-service sends the bytes up as multipart parts and reads the object back to
 * hash it), beside the SDK's CreateMultipartUpload, 8 MiB UploadParts and Complete of the same
 * bytes. Segment serving: GETs of a 4 MiB segment through streaming-service (proxying from the
 * bucket) beside the SDK's GetObject of the same object, at 1 and 4 concurrent readers.
 *
 * <p>Arguments: user-port upload-port streaming-port s3-endpoint bucket access-key secret-key
 * size-MiB seconds-per-slice rounds redis-host redis-port.
 */
public final class StorageBench {

    private static final int PART = 8 << 20;
    private static final String VIDEO = "bench-video";

    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        int userPort = Integer.parseInt(args[0]);
        int uploadPort = Integer.parseInt(args[1]);
        int streamingPort = Integer.parseInt(args[2]);
        String bucket = args[4];
        long size = Long.parseLong(args[7]) * 1024 * 1024;
        Duration slice = Duration.ofSeconds(Long.parseLong(args[8]));
        int rounds = Integer.parseInt(args[9]);
        ManagedChannel users = NettyChannelBuilder.forAddress("127.0.0.1", userPort).usePlaintext().build();
        ManagedChannel uploads = NettyChannelBuilder.forAddress("127.0.0.1", uploadPort).usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024).build();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(args[3])).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                // checksums as the services' client sends them (BlobStoreProducer): S3Proxy rejects the SDK's defaults
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[5], args[6])))
                .build()) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + UploadServiceBench.login(users));
            ClientInterceptor auth = MetadataUtils.newAttachHeadersInterceptor(headers);
            byte[] block = new byte[UploadServiceBench.chunkSize(uploads, auth)];
            new Random(42).nextBytes(block);
            UploadServiceBench service = new UploadServiceBench(uploads, auth, uploadPort, block);
            String sha = UploadServiceBench.sha256(block, size);
            double mib = size / 1048576.0;

            // warm-up of every path
            service.delete(service.complete(service.grpcUpload(size), sha));
            service.delete(service.complete(service.httpUpload(size), sha));
            sdkUpload(s3, bucket, block, size);

            System.out.println("| round | gRPC stream + complete MiB/s | HTTP PUT + complete MiB/s | SDK multipart MiB/s |"
                    + " gRPC / SDK | PUT / SDK |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            List<Double> grpcRatios = new ArrayList<>();
            List<Double> putRatios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double sdk = 0;
                double grpc = 0;
                double put = 0;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == (round % 2 == 1)) {
                        sdk = mib / sdkUpload(s3, bucket, block, size);
                    } else {
                        long start = System.nanoTime();
                        service.delete(service.complete(service.grpcUpload(size), sha));
                        grpc = mib / UploadServiceBench.seconds(start);
                        start = System.nanoTime();
                        service.delete(service.complete(service.httpUpload(size), sha));
                        put = mib / UploadServiceBench.seconds(start);
                    }
                }
                grpcRatios.add(grpc / sdk);
                putRatios.add(put / sdk);
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f %% | %.0f %% |%n", round, grpc, put, sdk,
                        100 * grpc / sdk, 100 * put / sdk);
            }
            System.out.printf(Locale.ROOT, "| worst round | | | | %.0f %% | %.0f %% |%n",
                    100 * grpcRatios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    100 * putRatios.stream().mapToDouble(Double::doubleValue).min().orElseThrow());

            seedSegments(s3, bucket, args[10], args[11]);
            String segmentKey = "hls/" + VIDEO + "/240p/seg_00001.ts";
            URL segmentUrl = URI.create("http://127.0.0.1:" + streamingPort + "/stream/" + VIDEO + "/240p/seg_00001.ts").toURL();
            // Read with HttpURLConnection, the HTTP stack the SDK side uses (UrlConnectionHttpClient),
            // so both sides pay the same client and only the server path differs.
            Callable<Long> viaService = () -> {
                HttpURLConnection connection = (HttpURLConnection) segmentUrl.openConnection();
                if (connection.getResponseCode() != 200) {
                    throw new IllegalStateException("streaming-service answered " + connection.getResponseCode());
                }
                try (InputStream body = connection.getInputStream()) {
                    return drain(body);
                }
            };
            Callable<Long> viaSdk = () -> {
                try (InputStream body = s3.getObject(b -> b.bucket(bucket).key(segmentKey))) {
                    return drain(body);
                }
            };
            System.out.println();
            System.out.println("| round | readers | streaming-service MiB/s | SDK GetObject MiB/s | streaming / SDK |");
            System.out.println("| --- | --- | --- | --- | --- |");
            for (int readers : new int[] {1, 4}) {
                // Round 0, untimed and as long as a timed one: both paths warm (JIT, connections) first.
                measure(viaService, readers, slice);
                measure(viaSdk, readers, slice);
                for (int round = 1; round <= rounds; round++) {
                    double service4 = 0;
                    double sdk4 = 0;
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == (round % 2 == 1)) {
                            sdk4 = measure(viaSdk, readers, slice);
                        } else {
                            service4 = measure(viaService, readers, slice);
                        }
                    }
                    System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %.0f | %.0f %% |%n", round, readers, service4, sdk4,
                            100 * service4 / sdk4);
                }
            }
        } finally {
            users.shutdownNow();
            uploads.shutdownNow();
        }
    }

    /** The SDK's multipart upload of the bytes the platform paths send; returns seconds. */
    private static double sdkUpload(S3Client s3, String bucket, byte[] block, long size) {
        String key = "bench/sdk-upload";
        long start = System.nanoTime();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] part = new byte[PART];
        for (long offset = 0; offset < size; offset += PART) {
            int length = (int) Math.min(PART, size - offset);
            for (int at = 0; at < length; at++) {
                part[at] = block[(int) ((offset + at) % block.length)];
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) length), RequestBody.fromBytes(java.util.Arrays.copyOf(part, length))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        double seconds = UploadServiceBench.seconds(start);
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        return seconds;
    }

    /** The streaming benchmark's video (1 and 4 MiB segments, playlists, metadata in Redis), its files in the bucket. */
    private static void seedSegments(S3Client s3, String bucket, String redisHost, String redisPort) throws Exception {
        Path local = Files.createTempDirectory("storage-bench");
        StreamingBenchSeed.main(new String[] {local.toString(), redisHost, redisPort, VIDEO});
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = local.relativize(file).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
                Files.delete(file);
            }
        }
    }

    /** MiB/s of {@code readers} threads repeating {@code read} for {@code length}. */
    private static double measure(Callable<Long> read, int readers, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        bytes.addAndGet(read.call());
                    }
                    return null;
                }));
            }
            for (Future<?> r : running) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return bytes.get() / 1048576.0 / UploadServiceBench.seconds(start);
    }

    private static long drain(InputStream in) throws Exception {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        return total;
    }
}
