package dev.videoplatform.bench;

import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.AnalyticsVideoCounts;
import dev.videoplatform.events.v1.AnalyticsViewEvent;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.EventVideoStatus;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.TraceContext;
import dev.videoplatform.events.v1.UserSubscribed;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.events.v1.VideoUploaded;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays upload-service, analytics-service and user-service for the search, analytics and
 * recommendation benchmarks: their events, in the envelope every consumer reads (event id, type =
 * topic, occurred-at, producer, the aggregate id as aggregate and record key), sent to the
 * devstack's Kafka.
 */
final class CatalogEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    CatalogEvents(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("linger.ms", "1");
        props.put("compression.type", "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    void published(SearchCorpus.Video v) {
        send("upload-service", v.id(), EventEnvelope.newBuilder().setVideoPublished(VideoPublished.newBuilder()
                .setVideoId(v.id()).setChannelId(v.channelId()).setTitle(v.title()).setDescription(v.description())
                .addAllTags(v.tags()).setVisibility(EventVisibility.EVENT_VISIBILITY_PUBLIC)
                .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(v.duration().toSeconds()))
                .setPublishTime(timestamp(v.publishedAt())).setPosterUrl("/stream/" + v.id() + "/poster.jpg")), "video.published");
    }

    /** A new PUBLIC video, announced as uploaded (what analytics-service counts views of). */
    void uploaded(String videoId) {
        send("upload-service", videoId, EventEnvelope.newBuilder().setVideoUploaded(VideoUploaded.newBuilder()
                .setVideoId(videoId).setChannelId(UUID.randomUUID().toString()).setVisibility(EventVisibility.EVENT_VISIBILITY_PUBLIC)),
                "video.uploaded");
    }

    /** The video with a new title, still PUBLIC and READY. */
    void retitled(SearchCorpus.Video v, String title) {
        send("upload-service", v.id(), EventEnvelope.newBuilder().setVideoUpdated(VideoUpdated.newBuilder()
                .setVideoId(v.id()).setChannelId(v.channelId()).setTitle(title).setDescription(v.description())
                .addAllTags(v.tags()).setVisibility(EventVisibility.EVENT_VISIBILITY_PUBLIC)
                .setStatus(EventVideoStatus.EVENT_VIDEO_STATUS_READY).setCommentsEnabled(true)
                .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(v.duration().toSeconds()))
                .setPublishTime(timestamp(v.publishedAt())).setPosterUrl("/stream/" + v.id() + "/poster.jpg")), "video.updated");
    }

    void viewCount(SearchCorpus.Video v) {
        send("analytics-service", v.id(), EventEnvelope.newBuilder().setAnalyticsVideoCounts(AnalyticsVideoCounts.newBuilder()
                .setVideoId(v.id()).setViewCount(v.views()).setUpdateTime(timestamp(Instant.now()))), "analytics.video.counts");
    }

    /** A signed-in viewer watched the video at {@code at} (what analytics-service sends on RecordView). */
    void viewed(String viewerId, String videoId, Instant at) {
        send("analytics-service", videoId, EventEnvelope.newBuilder().setAnalyticsViewEvent(AnalyticsViewEvent.newBuilder()
                .setViewId(UUID.randomUUID().toString()).setVideoId(videoId).setViewerId(viewerId)
                .setSessionId(UUID.randomUUID().toString()).setViewTime(timestamp(at))), "analytics.events");
    }

    /** {@code subscriberId} subscribed to {@code channelId} (user-service's event). */
    void subscribed(String subscriberId, String channelId) {
        send("user-service", channelId, EventEnvelope.newBuilder().setUserSubscribed(UserSubscribed.newBuilder()
                .setSubscriberId(subscriberId).setChannelId(channelId)), "user.subscribed");
    }

    void flush() {
        producer.flush();
    }

    private void send(String from, String key, EventEnvelope.Builder envelope, String topic) {
        EventEnvelope event = envelope.setEventId(UUID.randomUUID().toString()).setEventType(topic)
                .setOccurredAt(timestamp(Instant.now())).setProducer(from).setAggregateKey(key)
                .setTrace(TraceContext.getDefaultInstance()).build();
        producer.send(new ProducerRecord<>(topic, key, event.toByteArray()));
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
