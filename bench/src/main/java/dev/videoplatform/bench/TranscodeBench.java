package dev.videoplatform.bench;

import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.RenditionSpec;
import dev.videoplatform.events.v1.TraceContext;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.transcode.ffmpeg.HlsCommand;
import dev.videoplatform.transcode.ffmpeg.LadderRung;
import dev.videoplatform.transcode.ffmpeg.MediaInfo;
import dev.videoplatform.transcode.service.LadderPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The transcode worker's wall time for one clip (request on Kafka → {@code video.transcoded}
 * received: probe, ladder, poster, measuring, publishing and both Kafka hops) beside the very
 * same ffmpeg ladder command run directly, alternating, in the same run.
 * Arguments: kafka-bootstrap blob-root runs.
 */
public final class TranscodeBench {

    private static final List<RenditionSpec> LADDER = List.of(
            rung("240p", 426, 240, 400_000), rung("360p", 640, 360, 800_000), rung("480p", 854, 480, 1_400_000),
            rung("720p", 1280, 720, 2_800_000), rung("1080p", 1920, 1080, 5_000_000));

    private TranscodeBench() {
    }

    public static void main(String[] args) throws Exception {
        String kafka = args[0];
        Path blobRoot = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path clip = Files.createDirectories(blobRoot).resolve("clip-1080p-30s.mp4");
        TestClips.mp4(clip, 1920, 1080, 30, true);
        MediaInfo media = new MediaInfo("mov", 1920, 1080, 30.0, 25, 2, true);
        List<LadderRung> rungs = LadderPlan.plan(media, LADDER);

        List<Double> direct = new ArrayList<>();
        List<Double> worker = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(kafka); KafkaConsumer<String, byte[]> results = consumer(kafka)) {
            for (int run = 1; run <= runs; run++) {
                Path out = Files.createDirectories(blobRoot.resolve("direct-" + run));
                List<String> command = HlsCommand.ladder("ffmpeg", List.of("-i", clip.toString()), out, rungs, true, 4, "veryfast");
                if (run == 1) {
                    System.out.println("Direct command: " + String.join(" ", command).replace(blobRoot.toString(), "<work>"));
                    System.out.println();
                }
                direct.add(timeDirect(command));
                worker.add(timeWorker(producer, results, clip, blobRoot, run));
                System.out.printf(Locale.ROOT, "run %d: direct ffmpeg %.1f s, worker %.1f s%n", run, direct.get(run - 1),
                        worker.get(run - 1));
            }
        }
        double d = median(direct);
        double w = median(worker);
        System.out.println();
        System.out.println("| 30 s 1080p clip → 240p–1080p HLS ladder | median wall time (s) | ratio |");
        System.out.println("| --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| ffmpeg run directly (baseline) | %.1f | 1.00 |%n", d);
        System.out.printf(Locale.ROOT, "| transcode-service worker | %.1f | %.2f |%n", w, w / d);
    }

    private static double timeDirect(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("direct ffmpeg failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double timeWorker(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> results, Path clip,
            Path blobRoot, int run) throws Exception {
        String videoId = "bench-" + run + "-" + UUID.randomUUID();
        Files.createDirectories(blobRoot.resolve("raw"));
        Files.copy(clip, blobRoot.resolve("raw").resolve(videoId));
        VideoTranscodeRequested request = VideoTranscodeRequested.newBuilder().setVideoId(videoId)
                .setJobId(UUID.randomUUID().toString()).setAttempt(1).setRawBlobKey("raw/" + videoId)
                .setHlsPrefix("hls/" + videoId + "/").addAllRenditions(LADDER).build();
        EventEnvelope envelope = EventEnvelope.newBuilder().setEventId(UUID.randomUUID().toString())
                .setEventType("video.transcode").setProducer("bench").setAggregateKey(videoId)
                .setTrace(TraceContext.getDefaultInstance()).setVideoTranscodeRequested(request).build();
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>("video.transcode", videoId, envelope.toByteArray())).get();
        long deadline = start + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (var record : results.poll(Duration.ofMillis(50))) {
                if (videoId.equals(record.key())) {
                    EventEnvelope result = EventEnvelope.parseFrom(record.value());
                    if (!result.hasVideoTranscoded()) {
                        throw new IllegalStateException("worker failed: " + result);
                    }
                    return (System.nanoTime() - start) / 1e9;
                }
            }
        }
        throw new IllegalStateException("no result within 30 minutes");
    }

    private static KafkaProducer<String, byte[]> producer(String kafka) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of("video.transcoded", "video.transcode.failed"));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static RenditionSpec rung(String name, int width, int height, long bitrate) {
        return RenditionSpec.newBuilder().setName(name).setWidth(width).setHeight(height).setVideoBitrateBps(bitrate)
                .setAudioBitrateBps(128_000).build();
    }
}
