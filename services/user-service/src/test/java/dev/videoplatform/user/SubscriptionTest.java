package dev.videoplatform.user;

import static dev.videoplatform.user.UserClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.UserSubscribed;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.ListSubscribersRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.ListSubscribersResponse;
import dev.videoplatform.user.v1.ListSubscriptionsRequest;
import dev.videoplatform.user.v1.SubscribeRequest;
import dev.videoplatform.user.v1.SubscribeResponse;
import dev.videoplatform.user.v1.UnsubscribeRequest;
import dev.videoplatform.user.v1.UpdateProfileRequest;
import dev.videoplatform.user.v1.User;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubscriptionTest {

    private UserClient client;

    @org.junit.jupiter.api.BeforeEach
    void open() {
        client = new UserClient();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void subscribingTwiceIsOneSubscriptionAndOneEvent() {
        User channel = client.register(UserClient.uniqueName("chan"));
        String fan = UserClient.uniqueName("fan");
        User subscriber = client.register(fan);
        String token = client.login(fan).getAccessToken();
        SubscribeRequest subscribe = SubscribeRequest.newBuilder().setChannelId(channel.getUserId()).build();

        SubscribeResponse first = client.as(token).subscribe(subscribe);
        SubscribeResponse second = client.as(token).subscribe(subscribe);
        assertTrue(first.getCreated());
        assertFalse(second.getCreated());
        assertEquals(first.getSubscription().getCreateTime(), second.getSubscription().getCreateTime());
        assertEquals(fan, first.getSubscription().getSubscriber().getUsername());
        assertEquals(1, client.anonymous().getUser(GetUserRequest.newBuilder().setUserId(channel.getUserId()).build())
                .getSubscriberCount());

        List<EventEnvelope> events = KafkaProbe.collect("user.subscribed", e -> {
            UserSubscribed s = EventEnvelopes.payload(e, UserSubscribed.class);
            return s.getChannelId().equals(channel.getUserId()) && s.getSubscriberId().equals(subscriber.getUserId());
        }, Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertEquals(1, events.size(), "exactly one user.subscribed event");
        assertEquals(channel.getUserId(), events.get(0).getAggregateKey());
        assertEquals(1, EventEnvelopes.payload(events.get(0), UserSubscribed.class).getChannelSubscriberCount());

        assertTrue(client.as(token).unsubscribe(UnsubscribeRequest.newBuilder().setChannelId(channel.getUserId()).build()).getRemoved());
        assertFalse(client.as(token).unsubscribe(UnsubscribeRequest.newBuilder().setChannelId(channel.getUserId()).build()).getRemoved());
        assertEquals(0, client.anonymous().getUser(GetUserRequest.newBuilder().setUserId(channel.getUserId()).build())
                .getSubscriberCount());
    }

    @Test
    void nobodySubscribesToThemselvesOrToNobody() {
        String name = UserClient.uniqueName("self");
        User me = client.register(name);
        String token = client.login(name).getAccessToken();
        assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT",
                () -> client.as(token).subscribe(SubscribeRequest.newBuilder().setChannelId(me.getUserId()).build()));
        assertStatus(Status.Code.NOT_FOUND, "CHANNEL_NOT_FOUND",
                () -> client.as(token).subscribe(SubscribeRequest.newBuilder().setChannelId("missing-channel").build()));
    }

    @Test
    void subscribersArePagedWithOpaqueTokens() {
        User channel = client.register(UserClient.uniqueName("popular"));
        Set<String> fans = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String fan = UserClient.uniqueName("f" + i);
            fans.add(fan);
            client.register(fan);
            client.as(client.login(fan).getAccessToken())
                    .subscribe(SubscribeRequest.newBuilder().setChannelId(channel.getUserId()).build());
        }
        Set<String> seen = new HashSet<>();
        String pageToken = "";
        int pages = 0;
        do {
            ListSubscribersResponse page = client.anonymous().listSubscribers(ListSubscribersRequest.newBuilder()
                    .setChannelId(channel.getUserId()).setPageSize(2).setPageToken(pageToken).build());
            assertTrue(page.getSubscriptionsCount() <= 2);
            page.getSubscriptionsList().forEach(s -> assertTrue(seen.add(s.getSubscriber().getUsername()), "no repeats"));
            pageToken = page.getNextPageToken();
            pages++;
        } while (!pageToken.isEmpty());
        assertEquals(fans, seen);
        assertEquals(3, pages);

        String otherChannelsToken = client.anonymous().listSubscribers(ListSubscribersRequest.newBuilder()
                .setChannelId(channel.getUserId()).setPageSize(1).build()).getNextPageToken();
        assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.anonymous().listSubscribers(ListSubscribersRequest
                .newBuilder().setChannelId("someone-else").setPageToken(otherChannelsToken).build()));
    }

    @Test
    void aUsersSubscriptionsArePrivateToThem() {
        String name = UserClient.uniqueName("priv");
        User me = client.register(name);
        String other = UserClient.uniqueName("nosy");
        client.register(other);
        assertEquals(0, client.as(client.login(name).getAccessToken()).listSubscriptions(ListSubscriptionsRequest
                .newBuilder().setUserId(me.getUserId()).build()).getSubscriptionsCount());
        assertStatus(Status.Code.PERMISSION_DENIED, "NOT_OWNER", () -> client.as(client.login(other).getAccessToken())
                .listSubscriptions(ListSubscriptionsRequest.newBuilder().setUserId(me.getUserId()).build()));
    }

    @Test
    void aRegistrationAnnouncesTheNewPublicProfileOnce() {
        String name = UserClient.uniqueName("reg");
        User me = client.anonymous().register(RegisterRequest.newBuilder().setUsername(name)
                .setEmail(name + "@example.com").setPassword(UserClient.PASSWORD).setDisplayName("Réka Channel")
                .build()).getUser();
        List<EventEnvelope> events = KafkaProbe.collect("user.updated",
                e -> EventEnvelopes.payload(e, UserUpdated.class).getUserId().equals(me.getUserId()),
                Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertEquals(1, events.size());
        UserUpdated registered = EventEnvelopes.payload(events.get(0), UserUpdated.class);
        assertEquals(name, registered.getUsername());
        assertEquals("Réka Channel", registered.getDisplayName());
        assertEquals(List.of("username", "display_name"), registered.getChangedFieldsList());
        assertEquals(me.getUpdateTime(), registered.getUpdateTime(), "versioned like the profile itself");
        assertFalse(events.get(0).toString().contains("@example.com"), "the email is never announced");
    }

    @Test
    void aProfileUpdateEmitsExactlyOneUserUpdated() {
        String name = UserClient.uniqueName("upd");
        User me = client.register(name);
        client.as(client.login(name).getAccessToken()).updateProfile(UpdateProfileRequest.newBuilder()
                .setUser(User.newBuilder().setUserId(me.getUserId()).setDisplayName("Shiny"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
        List<UserUpdated> events = KafkaProbe.collect("user.updated",
                e -> EventEnvelopes.payload(e, UserUpdated.class).getUserId().equals(me.getUserId()),
                Duration.ofSeconds(2), Duration.ofSeconds(30)).stream()
                .map(e -> EventEnvelopes.payload(e, UserUpdated.class)).toList();
        assertEquals(List.of(List.of("username", "display_name"), List.of("display_name")),
                events.stream().map(UserUpdated::getChangedFieldsList).toList(), "the registration's, then the update's");
        UserUpdated updated = events.get(1);
        assertEquals("Shiny", updated.getDisplayName());
        assertTrue(instant(updated).isAfter(instant(events.get(0))), "a later change has a later update_time");
    }

    private static Instant instant(UserUpdated event) {
        return Instant.ofEpochSecond(event.getUpdateTime().getSeconds(), event.getUpdateTime().getNanos());
    }
}
