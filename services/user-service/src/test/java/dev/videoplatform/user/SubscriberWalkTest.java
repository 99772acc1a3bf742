package dev.videoplatform.user;

import static dev.videoplatform.user.UserClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.user.v1.GetEmailAddressRequest;
import dev.videoplatform.user.v1.GetEmailAddressResponse;
import dev.videoplatform.user.v1.ListSubscribedChannelIdsRequest;
import dev.videoplatform.user.v1.ListSubscribedChannelIdsResponse;
import dev.videoplatform.user.v1.ListSubscribedChannelsRequest;
import dev.videoplatform.user.v1.ListSubscribedChannelsResponse;
import dev.videoplatform.user.v1.ListSubscriberIdsRequest;
import dev.videoplatform.user.v1.ListSubscriberIdsResponse;
import dev.videoplatform.user.v1.SubscribeRequest;
import dev.videoplatform.user.v1.SubscribedChannel;
import dev.videoplatform.user.v1.UnsubscribeRequest;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The internal RPCs other services call: ListSubscriberIds (the resumable walk over a channel's
 * subscribers, notification's fan-out), ListSubscribedChannels (which channels a reader follows,
 * for fan-out on read), ListSubscribedChannelIds (the walk over a user's channels,
 * recommendation's feed) and GetEmailAddress (notification's mail sender).
 */
@QuarkusTest
class SubscriberWalkTest {

    private UserClient client;

    @BeforeEach
    void open() {
        client = new UserClient();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aServiceWalksEverySubscriberOnceOldestFirstAndResumesFromASavedToken() {
        User channel = client.register(UserClient.uniqueName("walked"));
        List<String> subscribed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            subscribed.add(subscribe(channel, "w" + i).getUserId());
        }
        UserServiceGrpc.UserServiceBlockingStub notification = client.asService("notification-service");

        ListSubscriberIdsResponse first = page(notification, channel, "");
        ListSubscriberIdsResponse second = page(notification, channel, first.getNextPageToken());
        // A walk that stopped after the second page resumes from the token it saved.
        String saved = second.getNextPageToken();
        String late = subscribe(channel, "late").getUserId();
        List<String> walked = new ArrayList<>(first.getSubscriberIdsList());
        walked.addAll(second.getSubscriberIdsList());
        String token = saved;
        while (!token.isEmpty()) {
            ListSubscriberIdsResponse next = page(notification, channel, token);
            walked.addAll(next.getSubscriberIdsList());
            token = next.getNextPageToken();
        }
        subscribed.add(late);
        assertEquals(subscribed, walked, "every subscriber once, oldest subscription first, one made mid-walk at the end");
        assertEquals(second, page(notification, channel, first.getNextPageToken()), "a page read again is the same page");
    }

    @Test
    void onlyServicesMayWalkAndBadPagesAreInvalidArguments() {
        String name = UserClient.uniqueName("nosy");
        client.register(name);
        User channel = client.register(UserClient.uniqueName("chan"));
        ListSubscriberIdsRequest request = ListSubscriberIdsRequest.newBuilder().setChannelId(channel.getUserId()).build();
        assertStatus(Status.Code.PERMISSION_DENIED, "SERVICE_ONLY",
                () -> client.as(client.login(name).getAccessToken()).listSubscriberIds(request));
        assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> client.anonymous().listSubscriberIds(request));

        UserServiceGrpc.UserServiceBlockingStub notification = client.asService("notification-service");
        assertEquals(List.of("channel_id"), UserClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> notification.listSubscriberIds(ListSubscriberIdsRequest.getDefaultInstance()))));
        assertEquals(List.of("page_size"), UserClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> notification.listSubscriberIds(request.toBuilder().setPageSize(-1).build()))));
        assertEquals(List.of("page_token"), UserClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> notification.listSubscriberIds(request.toBuilder().setPageToken("forged").build()))));
        assertTrue(notification.listSubscriberIds(request.toBuilder().setPageSize(100_000).build()).getNextPageToken().isEmpty());
    }

    @Test
    void aServiceAsksWhichOfSomeChannelsAUserSubscribesTo() {
        User first = client.register(UserClient.uniqueName("big"));
        User second = client.register(UserClient.uniqueName("big"));
        User fan = subscribe(first, "fan");
        UserServiceGrpc.UserServiceBlockingStub notification = client.asService("notification-service");
        ListSubscribedChannelsResponse answer = notification.listSubscribedChannels(ListSubscribedChannelsRequest.newBuilder()
                .setUserId(fan.getUserId()).addChannelIds(first.getUserId()).addChannelIds(second.getUserId())
                .addChannelIds(first.getUserId()).build());
        assertEquals(List.of(first.getUserId()), answer.getChannelsList().stream().map(SubscribedChannel::getChannelId).toList());
        assertTrue(answer.getChannels(0).getCreateTime().getSeconds() > 0);

        ListSubscribedChannelsRequest request = ListSubscribedChannelsRequest.newBuilder().setUserId(fan.getUserId())
                .addChannelIds(first.getUserId()).build();
        assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> client.anonymous().listSubscribedChannels(request));
        assertEquals(List.of("user_id", "channel_ids"), UserClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT,
                null, () -> notification.listSubscribedChannels(ListSubscribedChannelsRequest.getDefaultInstance()))));
    }

    @Test
    void aServiceReadsTheAddressOfAnAccount() {
        String name = UserClient.uniqueName("mailed");
        User user = client.register(name);
        GetEmailAddressResponse address = client.asService("notification-service")
                .getEmailAddress(GetEmailAddressRequest.newBuilder().setUserId(user.getUserId()).build());
        assertEquals(name + "@example.com", address.getEmail(), "the address registered");
        assertFalse(address.getSuspended());
    }

    @Test
    void onlyServicesMayReadAddressesAndBadIdsAreRefused() {
        String name = UserClient.uniqueName("nosy");
        User user = client.register(name);
        GetEmailAddressRequest request = GetEmailAddressRequest.newBuilder().setUserId(user.getUserId()).build();
        assertStatus(Status.Code.PERMISSION_DENIED, "SERVICE_ONLY",
                () -> client.as(client.login(name).getAccessToken()).getEmailAddress(request));
        assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> client.anonymous().getEmailAddress(request));

        UserServiceGrpc.UserServiceBlockingStub notification = client.asService("notification-service");
        assertEquals(List.of("user_id"), UserClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> notification.getEmailAddress(GetEmailAddressRequest.getDefaultInstance()))));
        assertStatus(Status.Code.NOT_FOUND, "USER_NOT_FOUND", () -> notification.getEmailAddress(
                GetEmailAddressRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build()));
    }

    @Test
    void aServiceWalksAUsersChannelsOldestFirstAndAnUnsubscribedOneIsGone() {
        String name = UserClient.uniqueName("viewer");
        String viewerId = client.register(name).getUserId();
        UserServiceGrpc.UserServiceBlockingStub viewer = client.as(client.login(name).getAccessToken());
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String channel = client.register(UserClient.uniqueName("ch" + i)).getUserId();
            viewer.subscribe(SubscribeRequest.newBuilder().setChannelId(channel).build());
            channels.add(channel);
        }
        viewer.unsubscribe(UnsubscribeRequest.newBuilder().setChannelId(channels.remove(2)).build());
        UserServiceGrpc.UserServiceBlockingStub recommendation = client.asService("recommendation-service");

        List<String> walked = new ArrayList<>();
        String token = "";
        do {
            ListSubscribedChannelIdsResponse page = recommendation.listSubscribedChannelIds(ListSubscribedChannelIdsRequest
                    .newBuilder().setUserId(viewerId).setPageSize(2).setPageToken(token).build());
            assertTrue(page.getChannelIdsCount() <= 2, "page_size is obeyed");
            walked.addAll(page.getChannelIdsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertEquals(channels, walked, "every channel subscribed to now, once, oldest subscription first");

        ListSubscribedChannelIdsRequest request = ListSubscribedChannelIdsRequest.newBuilder().setUserId(viewerId).build();
        assertStatus(Status.Code.PERMISSION_DENIED, "SERVICE_ONLY", () -> viewer.listSubscribedChannelIds(request));
        assertEquals(List.of("user_id"), UserClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> recommendation.listSubscribedChannelIds(ListSubscribedChannelIdsRequest.getDefaultInstance()))));
        assertEquals(List.of("page_token"), UserClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> recommendation.listSubscribedChannelIds(request.toBuilder().setPageToken("forged").build()))));
    }

    private User subscribe(User channel, String prefix) {
        String name = UserClient.uniqueName(prefix);
        User fan = client.register(name);
        client.as(client.login(name).getAccessToken())
                .subscribe(SubscribeRequest.newBuilder().setChannelId(channel.getUserId()).build());
        return fan;
    }

    private static ListSubscriberIdsResponse page(UserServiceGrpc.UserServiceBlockingStub stub, User channel, String token) {
        ListSubscriberIdsResponse page = stub.listSubscriberIds(ListSubscriberIdsRequest.newBuilder()
                .setChannelId(channel.getUserId()).setPageSize(2).setPageToken(token).build());
        assertTrue(page.getSubscriberIdsCount() <= 2, "page_size is obeyed");
        return page;
    }
}
