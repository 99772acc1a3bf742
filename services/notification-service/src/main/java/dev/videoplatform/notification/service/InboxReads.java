package dev.videoplatform.notification.service;

import dev.videoplatform.notification.repository.Inbox;
import dev.videoplatform.notification.repository.InboxRow;
import dev.videoplatform.notification.v1.ListNotificationsRequest;
import dev.videoplatform.notification.v1.ListNotificationsResponse;
import dev.videoplatform.notification.v1.MarkReadRequest;
import dev.videoplatform.notification.v1.MarkReadResponse;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.paging.PageTokens;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The caller's inbox: newest-first keyset pages with the unread count, and marking read. */
@ApplicationScoped
public class InboxReads {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    static final int MAX_MARK_IDS = 100;
    // Before every real row: the first page's cursor.
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final Inbox inbox;
    private final PageTokens pageTokens;
    private final FanOutOnRead onRead;

    public InboxReads(Inbox inbox, PageTokens pageTokens, FanOutOnRead onRead) {
        this.inbox = inbox;
        this.pageTokens = pageTokens;
        this.onRead = onRead;
    }

    @WithSpan
    public Uni<ListNotificationsResponse> list(ListNotificationsRequest request, Caller caller) {
        int size = PageTokens.pageSize(request.getPageSize(), DEFAULT_PAGE, MAX_PAGE, "page_size");
        String scope = "inbox:" + caller.userId() + (request.getUnreadOnly() ? ":unread" : "");
        Instant beforeTime = END_OF_TIME;
        String beforeId = "";
        if (!request.getPageToken().isEmpty()) {
            List<String> cursor = pageTokens.decode(scope, request.getPageToken(), "page_token");
            beforeTime = parseTime(cursor.get(0));
            beforeId = cursor.get(cursor.size() - 1);
        }
        // Later pages continue what the first page's merge wrote.
        Uni<Void> merged = request.getPageToken().isEmpty() ? onRead.merge(caller.userId()) : Uni.createFrom().voidItem();
        Instant pageBeforeTime = beforeTime;
        String pageBeforeId = beforeId;
        return merged.flatMap(x -> inbox.page(caller.userId(), request.getUnreadOnly(), pageBeforeTime, pageBeforeId, size + 1))
                .flatMap(rows -> inbox.unreadCount(inbox.pool(), caller.userId()).map(unread -> {
                    boolean more = rows.size() > size;
                    List<InboxRow> shown = more ? rows.subList(0, size) : rows;
                    ListNotificationsResponse.Builder response = ListNotificationsResponse.newBuilder().setUnreadCount(unread);
                    shown.forEach(row -> response.addNotifications(NotificationViews.of(row)));
                    if (more) {
                        InboxRow last = shown.get(size - 1);
                        response.setNextPageToken(pageTokens.encode(scope, List.of(last.createdAt().toString(), last.id())));
                    }
                    return response.build();
                }));
    }

    @WithSpan
    public Uni<MarkReadResponse> markRead(MarkReadRequest request, Caller caller) {
        validate(request);
        String me = caller.userId();
        // "Up to a time" and "all" include videos fanned out on read that were not listed yet.
        Uni<Void> merged = request.getNotificationIdsCount() > 0 ? Uni.createFrom().voidItem() : onRead.merge(me);
        return merged.flatMap(x -> inbox.pool().withTransaction(tx -> {
            Uni<Integer> changed;
            if (request.getNotificationIdsCount() > 0) {
                changed = inbox.markRead(tx, me, request.getNotificationIdsList());
            } else if (request.hasUpToTime()) {
                changed = inbox.markReadUpTo(tx, me, NotificationViews.instant(request.getUpToTime()));
            } else {
                changed = inbox.markReadUpTo(tx, me, END_OF_TIME);
            }
            return changed.flatMap(n -> inbox.unreadCount(tx, me)
                    .map(unread -> MarkReadResponse.newBuilder().setUpdatedCount(n).setUnreadCount(unread).build()));
        }));
    }

    private static void validate(MarkReadRequest request) {
        Violations v = new Violations();
        int given = (request.getNotificationIdsCount() > 0 ? 1 : 0) + (request.hasUpToTime() ? 1 : 0)
                + (request.getAll() ? 1 : 0);
        v.check(given == 0, "notification_ids", "give notification_ids, up_to_time or all");
        v.check(given > 1, request.getAll() ? "all" : "up_to_time",
                "give only one of notification_ids, up_to_time and all");
        v.check(request.getNotificationIdsCount() > MAX_MARK_IDS, "notification_ids",
                "at most " + MAX_MARK_IDS + " ids per call");
        for (int i = 0; i < request.getNotificationIdsCount(); i++) {
            v.requireNonBlank(request.getNotificationIds(i), "notification_ids[" + i + "]");
        }
        if (request.hasUpToTime()) {
            v.check(request.getUpToTime().getNanos() < 0 || request.getUpToTime().getNanos() > 999_999_999
                    || request.getUpToTime().getSeconds() < 0 || request.getUpToTime().getSeconds() > 253_402_300_799L,
                    "up_to_time", "is not a valid time");
        }
        v.throwIfAny();
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            // a token we signed always parses; same answer as a forged one
            throw DomainException.invalidArgument("page_token", "is not a page token of this query");
        }
    }
}
