package dev.videoplatform.analytics;

import com.google.protobuf.Message;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.events.v1.VideoUploaded;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.ids.Uuid7;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plays upload-service and admin-service: their video events on the devstack's Kafka, as they send them. */
final class VideoEvents {

    private VideoEvents() {
    }

    /** A new video id, announced as uploaded with {@code visibility}. */
    static String uploaded(EventVisibility visibility) {
        String videoId = Uuid7.next();
        announce(videoId, visibility);
        return videoId;
    }

    static void announce(String videoId, EventVisibility visibility) {
        send(videoId, VideoUploaded.newBuilder().setVideoId(videoId).setChannelId(Uuid7.next()).setVisibility(visibility).build());
    }

    static void visibility(String videoId, EventVisibility visibility) {
        send(videoId, VideoUpdated.newBuilder().setVideoId(videoId).setVisibility(visibility).addChangedFields("visibility").build());
    }

    static void banned(String videoId) {
        send(videoId, AdminVideoBanned.newBuilder().setVideoId(videoId).setReason("test").build());
    }

    static void unbanned(String videoId) {
        send(videoId, AdminVideoUnbanned.newBuilder().setVideoId(videoId).build());
    }

    static TopicProbe probe() {
        return new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static void send(String videoId, Message event) {
        probe().publish(EventEnvelopes.eventType(event.getDescriptorForType()), videoId,
                EventEnvelopes.wrap("test", videoId, event).toByteArray());
    }
}
