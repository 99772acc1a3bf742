package dev.videoplatform.bench;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.analytics.v1.AnalyticsServiceGrpc;
import dev.videoplatform.analytics.v1.GetVideoStatsRequest;
import dev.videoplatform.analytics.v1.RecordViewRequest;
import dev.videoplatform.analytics.v1.RecordViewsRequest;
import dev.videoplatform.analytics.v1.RecordViewsResponse;
import dev.videoplatform.analytics.v1.View;
import dev.videoplatform.devstack.ClientStreamCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * analytics-service's sustained ingest (issue 19) beside Kafka's own ProducerPerformance on the
 * same broker. Per round, in alternating order: (a) {@code seconds} of views through RecordViews
 * (STREAMS gRPC client streams in parallel, BATCH views per stream) and RecordView as JSON
 * through the edge (EDGE_CONNECTIONS keep-alive connections), while probes measure the
 * aggregation lag (a view accepted → its count in GetVideoStats, i.e. in the PostgreSQL read
 * model); (b) ProducerPerformance writing as many records as (a) last accepted, of the size the
 * service writes, acks=all, idempotent, with the service producer's linger and batch size. CPU of
 * the service, the edge, the broker (the devstack JVM), PostgreSQL + Redis and the load generator
 * per phase. At the end every video's count is compared with the views accepted for it.
 *
 * <p>Args: work bootstrap analyticsPort edgePort seconds rounds servicePid edgePid devstackPid.
 */
public final class AnalyticsBench {

    private static final int VIDEOS = 1000;
    private static final int PROBES = 6;
    private static final String PP_TOPIC = "bench.producer-performance";
    private static final Pattern PP_RESULT = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private final ManagedChannel channel;
    private final AnalyticsServiceGrpc.AnalyticsServiceStub async;
    private final AnalyticsServiceGrpc.AnalyticsServiceBlockingStub blocking;
    private final URI edge;
    private final List<String> videos;
    private final List<String> probeVideos;
    /** Views accepted per video, over the whole run (the expected final counts). */
    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
    /** Views whose fate is unknown (a failed batch may have been written in part). */
    private final LongAdder uncertain = new LongAdder();
    private final long[] pids;
    private final int streams = Integer.parseInt(System.getenv().getOrDefault("STREAMS", "8"));
    private final int batch = Integer.parseInt(System.getenv().getOrDefault("BATCH", "500"));
    private final int edgeConnections = Integer.parseInt(System.getenv().getOrDefault("EDGE_CONNECTIONS", "4"));

    private AnalyticsBench(int analyticsPort, URI edge, long[] pids) {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", analyticsPort).usePlaintext().build();
        this.async = AnalyticsServiceGrpc.newStub(channel);
        this.blocking = AnalyticsServiceGrpc.newBlockingStub(channel);
        this.edge = edge;
        this.pids = pids;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < VIDEOS + PROBES; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        this.videos = ids.subList(0, VIDEOS);
        this.probeVideos = ids.subList(VIDEOS, VIDEOS + PROBES);
        ids.forEach(id -> accepted.put(id, new LongAdder()));
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String bootstrap = args[1];
        long seconds = Long.parseLong(args[4]);
        int rounds = Integer.parseInt(args[5]);
        AnalyticsBench bench = new AnalyticsBench(Integer.parseInt(args[2]), URI.create("http://127.0.0.1:" + args[3]),
                new long[] {Long.parseLong(args[6]), Long.parseLong(args[7]), Long.parseLong(args[8])});
        try (CatalogEvents catalog = new CatalogEvents(bootstrap)) {
            bench.videos.forEach(catalog::uploaded);
            bench.probeVideos.forEach(catalog::uploaded);
            catalog.flush();
        }
        System.out.printf(Locale.ROOT, "%d videos, %d RecordViews streams of %d views, %d edge connections, %d lag probes%n%n",
                VIDEOS, bench.streams, bench.batch, bench.edgeConnections, PROBES);
        Ingest warmUp = bench.ingest(Math.min(seconds, 10));
        int recordSize = recordSize(bootstrap);
        System.out.printf(Locale.ROOT, "warm-up: %.0f events/s; a record of analytics.events is %d bytes (key + value), "
                + "ProducerPerformance writes records of that size%n%n", warmUp.perSecond(), recordSize);
        System.out.println("| round | side | events | events/s | errors | lag p50 / p99 / max ms (samples) | CPU s: service / edge / "
                + "broker JVM / PostgreSQL+Redis / load generator (incl. ProducerPerformance) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        long records = warmUp.events();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Ingest service = null;
            ProducerRun baseline = null;
            for (int side = 0; side < 2; side++) {
                if ((side == 0) == (round % 2 == 1)) {
                    service = bench.ingest(seconds);
                    records = service.events();
                    System.out.println(service.row(round));
                } else {
                    baseline = bench.producerPerformance(bootstrap, records, recordSize, work);
                    System.out.println(baseline.row(round));
                }
            }
            ratios.add(service.perSecond() / baseline.perSecond());
            System.out.printf(Locale.ROOT, "| %d | ratio service / ProducerPerformance | | %.2f | | | |%n", round, ratios.get(ratios.size() - 1));
        }
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "%nmedian ratio service / ProducerPerformance: %.2f%n", ratios.get(ratios.size() / 2));
        bench.compareCounts();
        bench.channel.shutdownNow();
    }

    /** One ingest phase: what was accepted, refused, the lag samples and the CPU it took. */
    record Ingest(long grpcEvents, long edgeEvents, long errors, double seconds, long[] lagMillis, double[] cpu) {
        long events() {
            return grpcEvents + edgeEvents;
        }

        double perSecond() {
            return events() / seconds;
        }

        String row(int round) {
            LoadResult lag = new LoadResult("lag", "", seconds, Arrays.stream(lagMillis).map(ms -> ms * 1_000_000).toArray(), 0);
            return String.format(Locale.ROOT, "| %d | service: RecordViews %d + edge RecordView %d | %d | %.0f | %d | %s (%d) | %s |", round,
                    grpcEvents, edgeEvents, events(), perSecond(), errors,
                    String.format(Locale.ROOT, "%.0f / %.0f / %.0f", lag.percentileMillis(50), lag.percentileMillis(99), lag.percentileMillis(100)),
                    lagMillis.length, cpuText(cpu));
        }
    }

    record ProducerRun(long records, double perSecond, double[] cpu) {
        String row(int round) {
            return String.format(Locale.ROOT, "| %d | ProducerPerformance acks=all | %d | %.0f | 0 | | %s |", round, records, perSecond,
                    cpuText(cpu));
        }
    }

    private Ingest ingest(long seconds) throws InterruptedException {
        LongAdder grpcEvents = new LongAdder();
        LongAdder edgeEvents = new LongAdder();
        LongAdder errors = new LongAdder();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < streams; i++) {
            threads.add(new Thread(() -> {
                while (System.nanoTime() < stopAt) {
                    recordViews(grpcEvents, errors);
                }
            }, "streams-" + i));
        }
        for (int i = 0; i < edgeConnections; i++) {
            threads.add(new Thread(() -> viaEdge(stopAt, edgeEvents, errors), "edge-" + i));
        }
        double[] before = cpu();
        long start = System.nanoTime();
        List<Thread> probes = new ArrayList<>();
        for (String probe : probeVideos) {
            probes.add(new Thread(() -> probeLag(probe, stopAt, lags, errors), "probe"));
        }
        threads.forEach(Thread::start);
        probes.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        // The rate and CPU of the load only: the probes' last wait for the read model comes after.
        double took = (System.nanoTime() - start) / 1e9;
        double[] used = minus(cpu(), before);
        for (Thread probe : probes) {
            probe.join();
        }
        return new Ingest(grpcEvents.sum(), edgeEvents.sum(), errors.sum(), took,
                lags.stream().mapToLong(Long::longValue).toArray(), used);
    }

    /** One client stream of BATCH views; counts them once the service answers. */
    private void recordViews(LongAdder events, LongAdder errors) {
        List<View> views = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            views.add(view(videos.get(ThreadLocalRandom.current().nextInt(VIDEOS))));
        }
        CompletableFuture<RecordViewsResponse> answer = ClientStreamCall.send(async::recordViews,
                views.stream().map(view -> RecordViewsRequest.newBuilder().setView(view).build()).toList(),
                RecordViewsResponse.getDefaultInstance());
        try {
            RecordViewsResponse response = answer.get(60, TimeUnit.SECONDS);
            if (response.getAcceptedCount() == batch) {
                events.add(batch);
                views.forEach(view -> accepted.get(view.getVideoId()).increment());
            } else {
                errors.add(batch - response.getAcceptedCount());
                events.add(response.getAcceptedCount());
                uncertain.add(response.getAcceptedCount());
            }
        } catch (Exception e) {
            errors.add(batch);
            uncertain.add(batch);
        }
    }

    private void viaEdge(long stopAt, LongAdder events, LongAdder errors) {
        try (KeepAliveHttp http = new KeepAliveHttp(edge)) {
            while (System.nanoTime() < stopAt) {
                String video = videos.get(ThreadLocalRandom.current().nextInt(VIDEOS));
                try {
                    String body = new String(http.post("/v1/videos/" + video + "/views", "{\"sessionId\":\"" + UUID.randomUUID()
                            + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"watchDuration\":\"10s\",\"clientTime\":\""
                            + Instant.now() + "\"}"), java.nio.charset.StandardCharsets.UTF_8);
                    if (!body.contains("\"counted\":true")) {
                        throw new IOException("not counted: " + body);
                    }
                    events.increment();
                    accepted.get(video).increment();
                } catch (IOException e) {
                    errors.increment();
                    uncertain.increment();
                    return;
                }
            }
        } catch (IOException e) {
            errors.increment();
        }
    }

    /** One view of the probe video at a time: accepted → its count visible in GetVideoStats. */
    private void probeLag(String video, long stopAt, List<Long> lags, LongAdder errors) {
        while (System.nanoTime() < stopAt) {
            try {
                blocking.recordView(RecordViewRequest.newBuilder().setView(view(video)).build());
            } catch (StatusRuntimeException e) {
                errors.increment();
                uncertain.increment();
                continue;
            }
            accepted.get(video).increment();
            long expected = accepted.get(video).sum();
            long acceptedAt = System.nanoTime();
            while (count(video) < expected) {
                sleep(50);
            }
            lags.add((System.nanoTime() - acceptedAt) / 1_000_000);
        }
    }

    private long count(String video) {
        try {
            return blocking.getVideoStats(GetVideoStatsRequest.newBuilder().setVideoId(video).build()).getViewCount();
        } catch (StatusRuntimeException e) {
            return 0; // NOT_FOUND until its first view is in the read model
        }
    }

    private static View view(String video) {
        Instant now = Instant.now();
        return View.newBuilder().setVideoId(video).setSessionId(UUID.randomUUID().toString())
                .setRequestId(UUID.randomUUID().toString()).setWatchDuration(Duration.newBuilder().setSeconds(10))
                .setClientTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())).build();
    }

    private ProducerRun producerPerformance(String bootstrap, long records, int recordSize, Path work) throws Exception {
        double[] before = cpu();
        Process tool = new ProcessBuilder("java", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", PP_TOPIC, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true", "linger.ms=5", "batch.size=131072")
                .redirectErrorStream(true).redirectOutput(work.resolve("producer-performance.log").toFile()).start();
        if (tool.waitFor() != 0) {
            throw new IllegalStateException("ProducerPerformance failed: " + Files.readString(work.resolve("producer-performance.log")));
        }
        double[] used = minus(cpu(), before);
        Matcher result = null;
        for (String line : Files.readAllLines(work.resolve("producer-performance.log"))) {
            Matcher m = PP_RESULT.matcher(line);
            if (m.find()) {
                result = m; // the last such line is the total
            }
        }
        if (result == null) {
            throw new IllegalStateException("no result from ProducerPerformance: " + Files.readString(work.resolve("producer-performance.log")));
        }
        return new ProducerRun(Long.parseLong(result.group(1)), Double.parseDouble(result.group(2)), used);
    }

    /** The mean size (key + value) of the first records the service wrote to analytics.events. */
    private static int recordSize(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("analytics.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long bytes = 0;
            long seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen < 2000 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    bytes += r.serializedKeySize() + r.serializedValueSize();
                    seen++;
                }
            }
            return (int) Math.round((double) bytes / Math.max(1, seen));
        }
    }

    /** Waits until every video shows the views accepted for it (2 minutes at most), then compares. */
    private void compareCounts() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        List<String> all = new ArrayList<>(accepted.keySet());
        AtomicLong differing = new AtomicLong();
        long counted = 0;
        long expected = 0;
        for (String video : all) {
            long want = accepted.get(video).sum();
            long got = count(video);
            while (got < want && System.nanoTime() < deadline) {
                sleep(100);
                got = count(video);
            }
            counted += got;
            expected += want;
            if (got != want) {
                differing.incrementAndGet();
            }
        }
        System.out.printf(Locale.ROOT, "%nfinal counts: %d counted, %d accepted (+ %d of unknown fate: failed calls), %d of %d videos differ: %s%n",
                counted, expected, uncertain.sum(), differing.get(), all.size(),
                differing.get() == 0 && uncertain.sum() == 0 ? "EXACT" : uncertain.sum() > 0 ? "not comparable" : "NOT EXACT");
    }

    /** CPU seconds so far: service, edge, devstack JVM (the broker), PostgreSQL + Redis, this JVM + its ended children. */
    private double[] cpu() {
        return new double[] {ProcessCpu.of(pids[0]), ProcessCpu.of(pids[1]), ProcessCpu.of(pids[2]),
                ProcessCpu.ofDescendants(pids[2]), ProcessCpu.of(ProcessHandle.current().pid()) + ProcessCpu.ofEndedChildren()};
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static String cpuText(double[] cpu) {
        StringBuilder text = new StringBuilder();
        for (double c : cpu) {
            text.append(text.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", c));
        }
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
