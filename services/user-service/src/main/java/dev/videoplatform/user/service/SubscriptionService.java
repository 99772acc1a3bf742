package dev.videoplatform.user.service;

import dev.videoplatform.events.v1.UserSubscribed;
import dev.videoplatform.events.v1.UserUnsubscribed;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.platform.paging.PageTokens;
import dev.videoplatform.user.repository.Account;
import dev.videoplatform.user.repository.AccountRepository;
import dev.videoplatform.user.repository.SubscriptionRepository;
import dev.videoplatform.user.v1.Subscription;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserSummary;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Channel subscriptions: idempotent subscribe/unsubscribe, counts, and paged lists both ways. */
@ApplicationScoped
public class SubscriptionService {

    /** One page of subscriptions and the token of the next, empty at the end. */
    public record Page(List<Subscription> subscriptions, String nextPageToken) {
    }

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int DEFAULT_ID_PAGE = 1000;
    static final int MAX_ID_PAGE = 5000;
    static final int MAX_CHECKED_CHANNELS = 500;

    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final ProfileService profiles;
    private final UserCache cache;
    private final OutboxWriter outbox;
    private final PageTokens pageTokens;

    public SubscriptionService(AccountRepository accounts, SubscriptionRepository subscriptions, ProfileService profiles,
            UserCache cache, OutboxWriter outbox, PageTokens pageTokens) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.profiles = profiles;
        this.cache = cache;
        this.outbox = outbox;
        this.pageTokens = pageTokens;
    }

    /** Subscribes the caller to a channel; subscribing twice is one subscription. */
    @WithSpan
    public Uni<Map.Entry<Subscription, Boolean>> subscribe(Caller caller, String channelId) {
        validateChannel(caller, channelId);
        return accounts.pool().withTransaction(tx -> accounts.findById(tx, channelId).flatMap(channel -> {
            Account target = channel.orElseThrow(() -> channelNotFound(channelId));
            return subscriptions.insertIfAbsent(tx, caller.userId(), channelId).flatMap(created -> {
                if (created.isEmpty()) {
                    return subscriptions.find(tx, caller.userId(), channelId).map(at -> Map.entry(at.orElseThrow(), false));
                }
                return accounts.adjustSubscriberCount(tx, channelId, 1)
                        .flatMap(count -> accounts.findById(tx, caller.userId()).flatMap(subscriber -> outbox.append(tx,
                                channelId, UserSubscribed.newBuilder().setSubscriberId(caller.userId())
                                        .setChannelId(target.id())
                                        .setSubscriberUsername(subscriber.map(Account::username).orElse(""))
                                        .setSubscriberDisplayName(subscriber.map(Account::displayName).orElse(""))
                                        .setChannelSubscriberCount(count).build())))
                        .map(x -> Map.entry(created.get(), true));
            });
        })).call(result -> result.getValue() ? cache.invalidate(channelId) : Uni.createFrom().voidItem())
                .flatMap(result -> describe(caller.userId(), channelId, result.getKey())
                        .map(subscription -> Map.entry(subscription, result.getValue())));
    }

    /** Removes the caller's subscription; returns whether there was one. */
    @WithSpan
    public Uni<Boolean> unsubscribe(Caller caller, String channelId) {
        validateChannel(caller, channelId);
        return accounts.pool().withTransaction(tx -> subscriptions.delete(tx, caller.userId(), channelId).flatMap(removed ->
                !removed ? Uni.createFrom().item(false)
                        : accounts.adjustSubscriberCount(tx, channelId, -1)
                                .flatMap(count -> outbox.append(tx, channelId, UserUnsubscribed.newBuilder()
                                        .setSubscriberId(caller.userId()).setChannelId(channelId)
                                        .setChannelSubscriberCount(count).build()))
                                .replaceWith(true)))
                .call(removed -> removed ? cache.invalidate(channelId) : Uni.createFrom().voidItem());
    }

    /** Channels {@code userId} subscribes to: the user themself or an admin only. */
    @WithSpan
    public Uni<Page> subscriptionsOf(Caller caller, String userId, int pageSize, String pageToken) {
        new Violations().requireNonBlank(userId, "user_id").throwIfAny();
        if (!caller.isSelfOrAdmin(userId)) {
            throw DomainException.permissionDenied("NOT_OWNER", "only the user themself may list their subscriptions");
        }
        return page("subscriptions:" + userId, pageSize, pageToken,
                (afterTime, afterId, limit) -> subscriptions.subscriptionsOf(userId, afterTime, afterId, limit),
                entry -> List.of(userId, entry.otherId()));
    }

    /** Who subscribes to {@code channelId}: public. */
    @WithSpan
    public Uni<Page> subscribersOf(String channelId, int pageSize, String pageToken) {
        new Violations().requireNonBlank(channelId, "channel_id").throwIfAny();
        return page("subscribers:" + channelId, pageSize, pageToken,
                (afterTime, afterId, limit) -> subscriptions.subscribersOf(channelId, afterTime, afterId, limit),
                entry -> List.of(entry.otherId(), channelId));
    }

    /** One page of a walk over ids (subscribers or channels), oldest subscription first. */
    public record IdPage(List<String> ids, String nextPageToken) {
    }

    /** Those of {@code channelIds} that {@code userId} subscribes to, for other services (internal RPC). */
    @WithSpan
    public Uni<List<SubscriptionRepository.Entry>> subscribedAmong(String userId, List<String> channelIds) {
        List<String> distinct = channelIds.stream().distinct().toList();
        Violations v = new Violations().requireNonBlank(userId, "user_id");
        v.check(distinct.isEmpty() || distinct.size() > MAX_CHECKED_CHANNELS, "channel_ids",
                "1 to " + MAX_CHECKED_CHANNELS + " channel ids");
        for (int i = 0; i < channelIds.size(); i++) {
            v.length(channelIds.get(i), "channel_ids[" + i + "]", 1, 64);
        }
        v.throwIfAny();
        return subscriptions.subscribedAmong(userId, distinct);
    }

    /** The ids of {@code channelId}'s subscribers, for other services (internal RPC). */
    @WithSpan
    public Uni<IdPage> subscriberIdsOf(String channelId, int pageSize, String pageToken) {
        new Violations().requireNonBlank(channelId, "channel_id").throwIfAny();
        return idPage("subscriber-ids:" + channelId, pageSize, pageToken,
                (afterTime, afterId, limit) -> subscriptions.subscribersOldestFirst(channelId, afterTime, afterId, limit));
    }

    /** The ids of the channels {@code userId} subscribes to, for other services (internal RPC). */
    @WithSpan
    public Uni<IdPage> subscribedChannelIdsOf(String userId, int pageSize, String pageToken) {
        new Violations().requireNonBlank(userId, "user_id").throwIfAny();
        return idPage("subscribed-channel-ids:" + userId, pageSize, pageToken,
                (afterTime, afterId, limit) -> subscriptions.subscriptionsOldestFirst(userId, afterTime, afterId, limit));
    }

    private Uni<IdPage> idPage(String scope, int pageSize, String pageToken, PageQuery query) {
        int size = PageTokens.pageSize(pageSize, DEFAULT_ID_PAGE, MAX_ID_PAGE, "page_size");
        List<String> cursor = pageToken.isEmpty() ? null : pageTokens.decode(scope, pageToken, "page_token");
        return query.fetch(cursor == null ? null : Instant.parse(cursor.get(0)), cursor == null ? null : cursor.get(1), size + 1)
                .map(entries -> {
                    boolean more = entries.size() > size;
                    List<SubscriptionRepository.Entry> shown = more ? entries.subList(0, size) : entries;
                    SubscriptionRepository.Entry last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
                    return new IdPage(shown.stream().map(SubscriptionRepository.Entry::otherId).toList(),
                            more ? pageTokens.encode(scope, List.of(last.createdAt().toString(), last.otherId())) : "");
                });
    }

    @FunctionalInterface
    interface PageQuery {
        Uni<List<SubscriptionRepository.Entry>> fetch(Instant afterTime, String afterId, int limit);
    }

    private Uni<Page> page(String scope, int requestedSize, String pageToken, PageQuery query,
            java.util.function.Function<SubscriptionRepository.Entry, List<String>> subscriberAndChannel) {
        int size = PageTokens.pageSize(requestedSize, DEFAULT_PAGE, MAX_PAGE, "page_size");
        Instant afterTime = null;
        String afterId = null;
        if (!pageToken.isEmpty()) {
            List<String> cursor = pageTokens.decode(scope, pageToken, "page_token");
            afterTime = Instant.parse(cursor.get(0));
            afterId = cursor.get(1);
        }
        return query.fetch(afterTime, afterId, size + 1).flatMap(entries -> {
            boolean more = entries.size() > size;
            List<SubscriptionRepository.Entry> shown = more ? entries.subList(0, size) : entries;
            List<String> ids = new ArrayList<>();
            shown.forEach(e -> ids.addAll(subscriberAndChannel.apply(e)));
            return profiles.load(ids.stream().distinct().toList()).map(users -> {
                List<Subscription> result = new ArrayList<>();
                for (SubscriptionRepository.Entry e : shown) {
                    List<String> pair = subscriberAndChannel.apply(e);
                    result.add(subscription(users.get(pair.get(0)), users.get(pair.get(1)), pair, e.createdAt()));
                }
                String next = more ? pageTokens.encode(scope, List.of(shown.get(size - 1).createdAt().toString(),
                        shown.get(size - 1).otherId())) : "";
                return new Page(result, next);
            });
        });
    }

    private Uni<Subscription> describe(String subscriberId, String channelId, Instant createdAt) {
        return profiles.load(List.of(subscriberId, channelId)).map(users ->
                subscription(users.get(subscriberId), users.get(channelId), List.of(subscriberId, channelId), createdAt));
    }

    private static Subscription subscription(User subscriber, User channel, List<String> ids, Instant createdAt) {
        return Subscription.newBuilder()
                .setSubscriber(subscriber == null ? UserSummary.newBuilder().setUserId(ids.get(0)).build() : UserViews.summary(subscriber))
                .setChannel(channel == null ? UserSummary.newBuilder().setUserId(ids.get(1)).build() : UserViews.summary(channel))
                .setCreateTime(UserViews.timestamp(createdAt))
                .build();
    }

    private static void validateChannel(Caller caller, String channelId) {
        Violations v = new Violations();
        v.requireNonBlank(channelId, "channel_id");
        v.check(caller.userId().equals(channelId), "channel_id", "you cannot subscribe to yourself");
        v.throwIfAny();
    }

    private static DomainException channelNotFound(String channelId) {
        return DomainException.notFound("CHANNEL_NOT_FOUND", "channel " + channelId + " does not exist");
    }
}
