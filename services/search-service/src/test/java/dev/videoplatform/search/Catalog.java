package dev.videoplatform.search;

import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.AdminUserSuspended;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.events.v1.AnalyticsVideoCounts;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.EventVideoStatus;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.events.v1.VideoDeleted;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plays upload-service, admin-service, analytics-service and user-service: sends their events to
 * the devstack's Kafka exactly as they would, with the occurred-at the test chooses (to replay or
 * reorder).
 */
final class Catalog {

    private Catalog() {
    }

    /** A video as the catalog describes it; tests vary it with the with* methods. */
    record Video(String id, String channelId, String title, String description, List<String> tags, long durationSeconds,
            Instant publishedAt, EventVisibility visibility) {

        static Video of(String title, String description, String... tags) {
            return new Video("v-" + UUID.randomUUID(), "c-" + UUID.randomUUID(), title, description, List.of(tags), 120,
                    Instant.now(), EventVisibility.EVENT_VISIBILITY_PUBLIC);
        }

        Video withTitle(String newTitle) {
            return new Video(id, channelId, newTitle, description, tags, durationSeconds, publishedAt, visibility);
        }

        Video withVisibility(EventVisibility newVisibility) {
            return new Video(id, channelId, title, description, tags, durationSeconds, publishedAt, newVisibility);
        }

        Video withChannel(String newChannelId) {
            return new Video(id, newChannelId, title, description, tags, durationSeconds, publishedAt, visibility);
        }

        Video withDuration(long seconds) {
            return new Video(id, channelId, title, description, tags, seconds, publishedAt, visibility);
        }

        Video withPublishedAt(Instant time) {
            return new Video(id, channelId, title, description, tags, durationSeconds, time, visibility);
        }
    }

    /** A made-up word no other test uses (letters only, so tokenizers keep it whole). */
    static String word() {
        StringBuilder w = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return w.toString();
    }

    static EventEnvelope published(Video v, Instant occurredAt) {
        return send(v.id(), VideoPublished.newBuilder().setVideoId(v.id()).setChannelId(v.channelId())
                .setTitle(v.title()).setDescription(v.description()).addAllTags(v.tags()).setVisibility(v.visibility())
                .setDuration(Duration.newBuilder().setSeconds(v.durationSeconds()))
                .setPublishTime(timestamp(v.publishedAt())).setPosterUrl("/stream/" + v.id() + "/poster.jpg").build(),
                "upload-service", occurredAt);
    }

    static EventEnvelope published(Video v) {
        return published(v, Instant.now());
    }

    static EventEnvelope updated(Video v, EventVideoStatus status, Instant occurredAt) {
        return send(v.id(), VideoUpdated.newBuilder().setVideoId(v.id()).setChannelId(v.channelId())
                .setTitle(v.title()).setDescription(v.description()).addAllTags(v.tags()).setVisibility(v.visibility())
                .setStatus(status).setDuration(Duration.newBuilder().setSeconds(v.durationSeconds()))
                .setPublishTime(timestamp(v.publishedAt())).build(), "upload-service", occurredAt);
    }

    static EventEnvelope deleted(Video v, Instant occurredAt) {
        return send(v.id(), VideoDeleted.newBuilder().setVideoId(v.id()).setChannelId(v.channelId())
                .setDeletedBy(v.channelId()).build(), "upload-service", occurredAt);
    }

    static EventEnvelope banned(Video v, Instant occurredAt) {
        return send(v.id(), AdminVideoBanned.newBuilder().setVideoId(v.id()).setChannelId(v.channelId())
                .setActorId("admin-1").setReason("spam").build(), "admin-service", occurredAt);
    }

    static EventEnvelope unbanned(Video v, Instant occurredAt) {
        return send(v.id(), AdminVideoUnbanned.newBuilder().setVideoId(v.id()).setChannelId(v.channelId())
                .setActorId("admin-1").setReason("appeal").build(), "admin-service", occurredAt);
    }

    static EventEnvelope suspended(String userId, Instant occurredAt) {
        return send(userId, AdminUserSuspended.newBuilder().setUserId(userId).setActorId("admin-1").setReason("abuse").build(),
                "admin-service", occurredAt);
    }

    static EventEnvelope reinstated(String userId, Instant occurredAt) {
        return send(userId, AdminUserReinstated.newBuilder().setUserId(userId).setActorId("admin-1").setReason("appeal")
                .build(), "admin-service", occurredAt);
    }

    static EventEnvelope viewCount(Video v, long views, Instant occurredAt) {
        return send(v.id(), AnalyticsVideoCounts.newBuilder().setVideoId(v.id()).setViewCount(views).build(),
                "analytics-service", occurredAt);
    }

    /** user-service's announcement of a channel's (user's) profile as of {@code updateTime}. */
    static EventEnvelope profile(String channelId, String username, String displayName, Instant updateTime) {
        return send(channelId, UserUpdated.newBuilder().setUserId(channelId).setUsername(username)
                .setDisplayName(displayName).addChangedFields("display_name").setUpdateTime(timestamp(updateTime)).build(),
                "user-service", updateTime);
    }

    /** Sends an envelope again as it was (a redelivery: same event id). */
    static void resend(EventEnvelope envelope) {
        topics().publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    static EventEnvelope send(String key, Message payload, String producer, Instant occurredAt) {
        EventEnvelope envelope = EventEnvelopes.wrap(producer, key, payload).toBuilder()
                .setOccurredAt(timestamp(occurredAt)).build();
        resend(envelope);
        return envelope;
    }

    static TopicProbe topics() {
        return new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
