package dev.videoplatform.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.service.FanOut;
import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.Notification;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.notification.v1.UpdatePreferencesRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * video.published → every subscriber of the channel (from the real user-service, several pages)
 * has the new video in their inbox exactly once, whatever is redelivered or replayed, and
 * preferences (kind off, channel muted) are obeyed.
 */
@QuarkusTest
class FanOutTest extends ServiceChannel {

    @Inject
    Pool pool;

    @Inject
    FanOut fanOut;

    @Test
    void everySubscriberGetsTheNewVideoExactlyOnceEvenWhenTheEventAndTheFanOutRunAgain() throws Exception {
        Member channel = Platform.register();
        List<Member> fans = Platform.subscribers(channel, 7); // three pages of three in tests
        Member stranger = Platform.register();
        String videoId = UUID.randomUUID().toString();
        EventEnvelope published = Platform.publish(videoId, video(videoId, channel));

        for (Member fan : fans) {
            List<Notification> inbox = Platform.inboxWhen(fan, service, list -> !about(list, videoId).isEmpty());
            List<Notification> mine = about(inbox, videoId);
            assertEquals(1, mine.size(), "one notification per subscriber");
            assertEquals(NotificationKind.NOTIFICATION_KIND_NEW_VIDEO, mine.get(0).getKind());
            assertEquals("New video: Launch day", mine.get(0).getTitle());
            assertEquals(channel.userId(), mine.get(0).getTarget().getUserId());
        }

        Platform.awaitFanOut(pool, published.getEventId());
        // One worker wrote every page: with two pages in flight it never gave up its own job.
        assertEquals(1, pool.preparedQuery("SELECT claims FROM fanout_job WHERE event_id = $1")
                .execute(Tuple.of(published.getEventId())).await().indefinitely().iterator().next().getInteger(0));

        // The same event again (Kafka redelivers), and the fan-out replayed from its first page as a
        // crash that lost its saved position would: still one notification each.
        Platform.publish(published);
        pool.preparedQuery("UPDATE fanout_job SET page_token = '', finished_at = NULL, lease_until = NULL WHERE event_id = $1")
                .execute(Tuple.of(published.getEventId())).await().indefinitely();
        fanOut.wake();
        Platform.awaitFanOut(pool, published.getEventId());
        Thread.sleep(500); // room for a wrongly processed redelivery to land
        for (Member fan : fans) {
            assertEquals(1, about(Platform.inboxWhen(fan, service, list -> true), videoId).size(), "still exactly once");
        }
        assertTrue(about(Platform.inboxWhen(stranger, service, list -> true), videoId).isEmpty(), "not a subscriber");
        assertTrue(about(Platform.inboxWhen(channel, service, list -> true), videoId).isEmpty(), "not the uploader");
    }

    @Test
    void subscribersWhoTurnedNewVideosOffOrMutedTheChannelAreNotTold() throws Exception {
        Member channel = Platform.register();
        List<Member> fans = Platform.subscribers(channel, 3);
        fans.get(0).notifications(service).updatePreferences(UpdatePreferencesRequest.newBuilder()
                .setPreferences(Preferences.newBuilder().setNewVideo(Delivery.DELIVERY_OFF))
                .setUpdateMask(FieldMask.newBuilder().addPaths("new_video")).build());
        fans.get(1).notifications(service).updatePreferences(UpdatePreferencesRequest.newBuilder()
                .setPreferences(Preferences.newBuilder().addMutedChannelIds(channel.userId()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("muted_channel_ids")).build());
        String videoId = UUID.randomUUID().toString();
        EventEnvelope published = Platform.publish(videoId, video(videoId, channel));

        assertEquals(1, about(Platform.inboxWhen(fans.get(2), service, list -> !about(list, videoId).isEmpty()), videoId).size());
        Platform.awaitFanOut(pool, published.getEventId());
        assertTrue(about(Platform.inboxWhen(fans.get(0), service, list -> true), videoId).isEmpty(), "new videos off");
        assertTrue(about(Platform.inboxWhen(fans.get(1), service, list -> true), videoId).isEmpty(), "channel muted");
    }

    static VideoPublished video(String videoId, Member channel) {
        return VideoPublished.newBuilder().setVideoId(videoId).setChannelId(channel.userId()).setTitle("Launch day")
                .setDescription("What we built").build();
    }

    static List<Notification> about(List<Notification> inbox, String videoId) {
        return inbox.stream().filter(n -> n.getTarget().getVideoId().equals(videoId)).toList();
    }
}
