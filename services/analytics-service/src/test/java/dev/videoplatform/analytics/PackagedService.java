package dev.videoplatform.analytics;

import com.google.protobuf.Timestamp;
import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoUploaded;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.ids.Uuid7;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * For the failsafe tests: analytics-service's packaged jar as processes (replicas) on the
 * devstack, and a stream of view reports written to {@code analytics.events} as ingest writes them.
 */
final class PackagedService {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private PackagedService() {
    }

    static DevstackSettings stack() {
        Devstack.shared().createDatabase("analytics");
        return Devstack.shared().settings();
    }

    /** A replica named {@code name}, with its own state directory and log under {@code work}. */
    static ServiceProcess start(DevstackSettings stack, Path work, String name) throws IOException, InterruptedException {
        Map<String, String> settings = new HashMap<>(stack.quarkusConfig("analytics"));
        settings.put("videoplatform.page-token.secret", "it-secret");
        settings.put("kafka-streams.state.dir", work.resolve("state-" + name).toString());
        // A killed or new member must not wait long for the group to move partitions.
        settings.put("kafka-streams.session.timeout.ms", "6000");
        return ServiceProcess.start(JAR, settings, Files.createDirectories(work).resolve(name + ".log"));
    }

    /** {@code count} new PUBLIC videos, announced as uploaded. */
    static List<String> videos(DevstackSettings stack, int count) {
        TopicProbe topics = new TopicProbe(stack.kafkaBootstrapServers());
        List<String> videos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String video = Uuid7.next();
            videos.add(video);
            topics.publish("video.uploaded", video, EventEnvelopes.wrap("test", video, VideoUploaded.newBuilder().setVideoId(video)
                    .setVisibility(EventVisibility.EVENT_VISIBILITY_PUBLIC).build()).toByteArray());
        }
        return videos;
    }

    static KafkaProducer<String, byte[]> producer(DevstackSettings stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Distinct views of every video, round after round while {@code more} accepts the round's
     * number, about 1,200 views (2,400 reports) a second, each report sent twice (a client retry:
     * same view id). Returns the number of rounds: the views each video got.
     */
    static int send(KafkaProducer<String, byte[]> producer, List<String> videos, IntPredicate more) throws InterruptedException {
        int round = 0;
        for (; more.test(round); round++) {
            for (String video : videos) {
                Instant now = Instant.now();
                AnalyticsViewEvent view = AnalyticsViewEvent.newBuilder().setViewId(UUID.randomUUID().toString()).setVideoId(video)
                        .setSessionId(UUID.randomUUID().toString())
                        .setViewTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())).build();
                for (int copy = 0; copy < 2; copy++) {
                    producer.send(new ProducerRecord<>("analytics.events", null, now.toEpochMilli(), video,
                            EventEnvelopes.wrap("analytics", video, view).toByteArray()));
                }
            }
            if (round % 50 == 49) {
                producer.flush();
                Thread.sleep(250);
            }
        }
        producer.flush();
        return round;
    }
}
