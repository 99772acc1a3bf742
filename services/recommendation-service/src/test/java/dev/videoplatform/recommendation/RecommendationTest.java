package dev.videoplatform.recommendation;

import static dev.videoplatform.recommendation.Platform.await;
import static dev.videoplatform.recommendation.Platform.id;
import static dev.videoplatform.recommendation.Platform.publish;
import static dev.videoplatform.recommendation.Platform.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.GrpcStatusAssertions;
import dev.videoplatform.devstack.UserServiceResource;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.recommendation.repository.CandidatePool;
import dev.videoplatform.recommendation.repository.CoVisitationStore;
import dev.videoplatform.recommendation.repository.SubscriptionStore;
import dev.videoplatform.recommendation.v1.FeedItem;
import dev.videoplatform.recommendation.v1.FeedReason;
import dev.videoplatform.recommendation.v1.GetHomeFeedRequest;
import dev.videoplatform.recommendation.v1.GetHomeFeedResponse;
import dev.videoplatform.recommendation.v1.GetRelatedRequest;
import dev.videoplatform.recommendation.v1.GetRelatedResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Related videos and home feeds from events on the devstack's Kafka, state in its Redis, cards
 * from upload's contract and trending from analytics' (both real gRPC servers on loopback).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendationTest {

    @Inject
    CoVisitationStore coVisitation;

    @Inject
    CandidatePool pool;

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    RedisDataSource redis;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = Platform.channel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private GetRelatedResponse related(String videoId, int size) {
        return Platform.anonymous(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .getRelated(GetRelatedRequest.newBuilder().setVideoId(videoId).setPageSize(size).build());
    }

    private static List<String> ids(List<FeedItem> items) {
        return items.stream().map(item -> item.getVideo().getVideoId()).toList();
    }

    private static List<String> idsWithReason(List<FeedItem> items, FeedReason reason) {
        return items.stream().filter(item -> item.getReason() == reason).map(item -> item.getVideo().getVideoId()).toList();
    }

    @Test
    @Order(1)
    void watchedTogetherFollowsTheScriptedWatchLog() throws Exception {
        String a = publish(id("c")), b = publish(id("c")), c = publish(id("c")), d = publish(id("c"));
        String e = publish(id("c")), f = publish(id("c"));
        Instant t0 = Instant.now().minus(Duration.ofDays(1));
        String v1 = id("u"), v2 = id("u"), v3 = id("u"), v4 = id("u"), v5 = id("u");
        view(v1, a, t0);
        view(v1, b, t0.plusSeconds(300));
        view(v1, c, t0.plusSeconds(600));
        view(v2, a, t0);
        view(v2, b, t0.plusSeconds(120));
        view(v3, b, t0);
        view(v3, a, t0.plusSeconds(60));
        view(v3, d, t0.plusSeconds(900));
        view(v4, e, t0);
        view(v4, f, t0.plusSeconds(60));
        // Five hours apart: two sessions, not watched together.
        view(v5, a, t0);
        view(v5, e, t0.plusSeconds(5 * 3600));

        GetRelatedResponse related = await(() -> related(a, 10),
                r -> idsWithReason(r.getItemsList(), FeedReason.FEED_REASON_WATCHED_TOGETHER).size() >= 3);
        List<String> together = idsWithReason(related.getItemsList(), FeedReason.FEED_REASON_WATCHED_TOGETHER);
        // b: 3 co-visits / sqrt(4 views of a × 3 of b) ≈ 0.87; c and d: 1 / sqrt(4 × 1) = 0.5.
        assertEquals(b, together.get(0), together.toString());
        assertEquals(Set.of(c, d), Set.copyOf(together.subList(1, 3)));
        assertEquals(3, together.size(), together.toString());
        assertFalse(ids(related.getItemsList()).contains(a), "never the video itself");
        assertFalse(related.getDegraded());
        double[] scores = related.getItemsList().stream().mapToDouble(FeedItem::getScore).toArray();
        for (int i = 1; i < scores.length; i++) {
            assertTrue(scores[i] <= scores[i - 1], "best first");
        }
        assertEquals(Set.of(f), Set.copyOf(idsWithReason(await(() -> related(e, 10), r -> !r.getItemsList().isEmpty())
                .getItemsList(), FeedReason.FEED_REASON_WATCHED_TOGETHER)), "e was watched with f only (v5's a is another session)");
    }

    @Test
    @Order(2)
    void aRedeliveredViewChangesNothing() throws Exception {
        String a = publish(id("c")), b = publish(id("c"));
        Instant t0 = Instant.now().minus(Duration.ofHours(3));
        String viewer = id("u");
        view(viewer, a, t0);
        EventEnvelope second = view(viewer, b, t0.plusSeconds(60));
        await(() -> coVisitation.neighbours(a).await().atMost(Duration.ofSeconds(5)).getValue(), n -> !n.isEmpty());
        Map.Entry<Double, List<CoVisitationStore.Neighbour>> before = coVisitation.neighbours(a).await().indefinitely();

        Platform.resend(second);
        Platform.resend(second);
        // A later playback report of the same visit (new view id, same session window) is the same visit.
        view(viewer, b, t0.plusSeconds(90));
        // A marker on b's partition, after the redeliveries: once it is applied, they were too.
        String marker = id("u");
        view(marker, b, t0);
        await(() -> coVisitation.history(marker, 1).await().indefinitely(), h -> h.contains(b));

        Map.Entry<Double, List<CoVisitationStore.Neighbour>> after = coVisitation.neighbours(a).await().indefinitely();
        assertEquals(before.getKey(), after.getKey(), "a's popularity");
        assertEquals(coVisits(before.getValue()), coVisits(after.getValue()));
    }

    private static Map<String, Double> coVisits(List<CoVisitationStore.Neighbour> neighbours) {
        return neighbours.stream().collect(Collectors.toMap(CoVisitationStore.Neighbour::videoId, CoVisitationStore.Neighbour::coVisits));
    }

    @Test
    @Order(3)
    void bannedAndPrivateVideosAreNeverRecommended() throws Exception {
        String a = publish(id("c"));
        String bannedChannel = id("c"), privateChannel = id("c");
        String banned = publish(bannedChannel), hidden = publish(privateChannel), kept = publish(id("c"));
        Instant t0 = Instant.now().minus(Duration.ofHours(2));
        for (int i = 0; i < 3; i++) {
            String viewer = id("u");
            view(viewer, a, t0);
            view(viewer, banned, t0.plusSeconds(10));
            view(viewer, hidden, t0.plusSeconds(20));
            view(viewer, kept, t0.plusSeconds(30));
        }
        String watcher = id("u");
        view(watcher, a, Instant.now().minusSeconds(60));
        assertTrue(ids(await(() -> related(a, 10), r -> ids(r.getItemsList()).containsAll(List.of(banned, hidden, kept)))
                .getItemsList()).containsAll(List.of(banned, hidden, kept)));

        Platform.ban(banned, bannedChannel);
        Platform.makePrivate(hidden, privateChannel);

        List<String> after = ids(await(() -> related(a, 10), r -> !ids(r.getItemsList()).contains(banned)
                && !ids(r.getItemsList()).contains(hidden)).getItemsList());
        assertFalse(after.contains(banned), after.toString());
        assertFalse(after.contains(hidden), after.toString());
        assertTrue(after.contains(kept), after.toString());
        GetHomeFeedResponse home = Platform.as(channel, watcher).getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(50).build());
        assertTrue(ids(home.getItemsList()).contains(kept), "watched together with the watcher's history");
        assertFalse(ids(home.getItemsList()).contains(banned));
        assertFalse(ids(home.getItemsList()).contains(hidden));
    }

    @Test
    @Order(4)
    void homeFeedHasSubscriptionsAndWatchedTogetherButNotWhatWasWatched() throws Exception {
        String creator = Platform.register().userId();
        String fresh = publish(creator);
        Platform.Account fan = Platform.register();
        String user = fan.userId();
        Platform.subscribe(fan, creator);
        String x = publish(id("c")), y = publish(id("c"));
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < 2; i++) {
            String other = id("u");
            view(other, x, t0);
            view(other, y, t0.plusSeconds(30));
        }
        view(user, x, Instant.now().minusSeconds(30));

        GetHomeFeedResponse home = await(() -> Platform.as(channel, user).getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(30).build()),
                r -> ids(r.getItemsList()).containsAll(List.of(fresh, y)));
        Map<String, FeedReason> reasons = new HashMap<>();
        home.getItemsList().forEach(item -> reasons.put(item.getVideo().getVideoId(), item.getReason()));
        assertEquals(FeedReason.FEED_REASON_SUBSCRIPTION, reasons.get(fresh), reasons.toString());
        assertEquals(FeedReason.FEED_REASON_WATCHED_TOGETHER, reasons.get(y), reasons.toString());
        assertFalse(reasons.containsKey(x), "already watched");
        FeedItem card = home.getItemsList().stream().filter(item -> item.getVideo().getVideoId().equals(fresh)).findFirst().orElseThrow();
        assertEquals("Video " + fresh, card.getVideo().getTitle(), "hydrated from upload");
        assertEquals(creator, card.getVideo().getChannelId());
    }

    @Test
    @Order(5)
    void pagesHoldAtMostTwoPerChannelAndNeverRepeat() throws Exception {
        String busy = id("c");
        List<String> trending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            trending.add(publish(busy));
        }
        for (int i = 0; i < 7; i++) {
            trending.add(publish(id("c")));
        }
        ContractServers.TRENDING.clear();
        ContractServers.TRENDING.addAll(trending);
        String user = id("u");
        await(() -> Platform.as(channel, user).getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(4).build()),
                r -> ids(r.getItemsList()).stream().anyMatch(trending::contains) && r.getItemsCount() == 4);

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            GetHomeFeedResponse page = Platform.as(channel, user).getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(4)
                    .setPageToken(token).build());
            Map<String, Integer> perChannel = new HashMap<>();
            page.getItemsList().forEach(item -> perChannel.merge(item.getVideo().getChannelId(), 1, Integer::sum));
            assertTrue(perChannel.values().stream().allMatch(count -> count <= 2), perChannel.toString());
            seen.addAll(ids(page.getItemsList()));
            token = page.getNextPageToken();
            if (pages == 0) {
                String stolen = token;
                GrpcStatusAssertions.assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> Platform.as(channel, id("u"))
                        .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageToken(stolen).build()));
            }
            pages++;
        } while (!token.isEmpty() && pages < 100);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no video twice: " + seen);
        assertTrue(seen.containsAll(trending.subList(5, 12)), seen.toString());
        assertTrue(pages >= 3, "paged: " + pages);
    }

    @Test
    @Order(6)
    void badRequestsAreInvalidArgument() {
        assertEquals(List.of("page_size"), GrpcStatusAssertions.violatedFields(GrpcStatusAssertions.assertStatus(
                Status.Code.INVALID_ARGUMENT, null, () -> Platform.anonymous(channel)
                        .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(-1).build()))));
        assertEquals(List.of("video_id"), GrpcStatusAssertions.violatedFields(GrpcStatusAssertions.assertStatus(
                Status.Code.INVALID_ARGUMENT, null, () -> related("", 5))));
        assertEquals(List.of("video_id"), GrpcStatusAssertions.violatedFields(GrpcStatusAssertions.assertStatus(
                Status.Code.INVALID_ARGUMENT, null, () -> related("no/such video", 5))));
        assertEquals(List.of("page_token"), GrpcStatusAssertions.violatedFields(GrpcStatusAssertions.assertStatus(
                Status.Code.INVALID_ARGUMENT, null, () -> Platform.anonymous(channel)
                        .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageToken("forged").build()))));
    }

    @Test
    @Order(7)
    void withAnalyticsDownTheFeedIsTheLastTrendingListMarkedDegraded() throws Exception {
        String hot = publish(id("c"));
        ContractServers.TRENDING.clear();
        ContractServers.TRENDING.add(hot);
        assertTrue(ids(await(() -> Platform.anonymous(channel).getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(11).build()),
                r -> ids(r.getItemsList()).contains(hot)).getItemsList()).contains(hot));
        ContractServers.analytics.stop();
        try {
            GetHomeFeedResponse home = Platform.anonymous(channel).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(12).build());
            assertTrue(home.getDegraded());
            assertEquals(List.of(hot), ids(home.getItemsList()));
        } finally {
            ContractServers.analytics.start();
        }
        await(() -> Platform.anonymous(channel).getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(13).build()),
                r -> !r.getDegraded());
    }

    @Test
    @Order(8)
    void withUploadDownCardsComeFromTheEventsMarkedDegraded() throws Exception {
        String a = publish(id("c")), b = publish(id("c"));
        String viewer = id("u");
        view(viewer, a, Instant.now().minusSeconds(120));
        view(viewer, b, Instant.now().minusSeconds(60));
        await(() -> related(a, 10), r -> ids(r.getItemsList()).contains(b));
        ContractServers.upload.stop();
        try {
            GetRelatedResponse related = related(a, 9);
            assertTrue(related.getDegraded());
            FeedItem first = related.getItems(0);
            assertEquals(b, first.getVideo().getVideoId());
            assertEquals("Video " + b, first.getVideo().getTitle(), "from the video.published event");
        } finally {
            ContractServers.upload.start();
        }
        await(() -> related(a, 8), r -> !r.getDegraded());
    }

    @Test
    @Order(9)
    void subscriptionsTheEventsMissedAreReconciledWithUserService() throws Exception {
        String creator = Platform.register().userId();
        String neverSubscribed = Platform.register().userId();
        Platform.Account fan = Platform.register();
        Platform.subscribe(fan, creator);
        String fresh = publish(creator), wrong = publish(neverSubscribed);
        await(() -> pool.eligible(List.of(fresh, wrong)).await().indefinitely(), eligible -> eligible.size() == 2);
        await(() -> subscriptions.channels(fan.userId()).await().indefinitely(), channels -> channels.contains(creator));
        // As if the events had been lost and a wrong one kept: the kept set is stale, never reconciled.
        redis.key().del(SubscriptionStore.SUBSCRIPTIONS + fan.userId(), SubscriptionStore.RECONCILED + fan.userId());
        subscriptions.changed(fan.userId(), neverSubscribed, Instant.now().minus(Duration.ofDays(1)), true).await().indefinitely();

        GetHomeFeedResponse home = Platform.as(channel, fan.userId()).withDeadlineAfter(3, TimeUnit.SECONDS)
                .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(42).build());
        assertTrue(ids(home.getItemsList()).contains(fresh), "from user-service's list: " + ids(home.getItemsList()));
        assertFalse(ids(home.getItemsList()).contains(wrong), "user-service does not list that channel");
        assertFalse(home.getDegraded());
        assertEquals(List.of(creator), subscriptions.channels(fan.userId()).await().indefinitely(), "the kept set is reconciled");
    }

    @Test
    @Order(10)
    void withUserServiceDownSubscriptionsStillReachTheFeed() throws Exception {
        String creator = Platform.register().userId();
        Platform.Account fan = Platform.register();
        Platform.Account loner = Platform.register();
        Platform.subscribe(fan, creator);
        String fresh = publish(creator);
        await(() -> Platform.as(channel, fan.userId()).getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(40).build()),
                r -> ids(r.getItemsList()).contains(fresh));
        await(() -> subscriptions.channels(fan.userId()).await().indefinitely(), channels -> channels.contains(creator));
        // Last in this class: the process does not come back. The fan's subscriptions are due for
        // reconciliation, so user-service is asked, and the ones kept from its events stand in.
        UserServiceResource.users().close();
        redis.key().del(SubscriptionStore.RECONCILED + fan.userId());
        GetHomeFeedResponse home = Platform.as(channel, fan.userId()).withDeadlineAfter(3, TimeUnit.SECONDS)
                .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(41).build());
        assertTrue(ids(home.getItemsList()).contains(fresh), ids(home.getItemsList()).toString());
        assertFalse(home.getDegraded(), "the kept subscriptions stood in");
        // Nothing kept to stand in for user-service's answer: the feed says it may be missing some.
        assertTrue(Platform.as(channel, loner.userId()).withDeadlineAfter(3, TimeUnit.SECONDS)
                .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(41).build()).getDegraded());
    }
}
