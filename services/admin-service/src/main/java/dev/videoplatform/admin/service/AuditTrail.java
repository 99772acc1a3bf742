package dev.videoplatform.admin.service;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.videoplatform.admin.repository.AuditChain;
import dev.videoplatform.admin.repository.AuditLog;
import dev.videoplatform.admin.repository.AuditRecord;
import dev.videoplatform.admin.v1.AuditAction;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.paging.PageTokens;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Reading the audit log, and checking that nobody rewrote it. */
@ApplicationScoped
public class AuditTrail {

    /** A page of entries, newest first. */
    public record Page(List<AuditRecord> entries, String nextPageToken) {
    }

    /** The chain checked: whether it holds, how many entries were read, the first broken one (or null). */
    public record Verdict(boolean intact, long checked, AuditRecord firstBroken) {
    }

    static final int VERIFY_BATCH = 500;

    private final AuditLog log;
    private final PageTokens pageTokens;

    public AuditTrail(AuditLog log, PageTokens pageTokens) {
        this.log = log;
        this.pageTokens = pageTokens;
    }

    @WithSpan
    public Uni<Page> list(AuditAction action, String actorId, String targetId, Timestamp start, boolean hasStart,
            Timestamp end, boolean hasEnd, int pageSize, String pageToken) {
        Violations v = new Violations();
        v.check(action == AuditAction.UNRECOGNIZED, "action", "is not a known action");
        v.length(actorId, "actor_id", 0, ActionRules.MAX_ID).length(targetId, "target_id", 0, ActionRules.MAX_ID);
        v.check(hasStart && !Timestamps.isValid(start), "start_time", "is not a valid timestamp");
        v.check(hasEnd && !Timestamps.isValid(end), "end_time", "is not a valid timestamp");
        v.throwIfAny();
        Instant from = hasStart ? AdminViews.instant(start) : null;
        Instant until = hasEnd ? AdminViews.instant(end) : null;
        new Violations().check(from != null && until != null && !from.isBefore(until), "end_time",
                "must be after start_time").throwIfAny();
        int limit = PageTokens.pageSize(pageSize, Reports.DEFAULT_PAGE, Reports.MAX_PAGE, "page_size");
        String scope = "audit|" + action.getNumber() + "|" + actorId + "|" + targetId + "|" + from + "|" + until;
        long beforeSeq = pageToken.isEmpty() ? 0 : Long.parseLong(pageTokens.decode(scope, pageToken, "page_token").get(0));
        return log.page(new AuditLog.Filter(action, actorId, targetId, from, until), beforeSeq, limit + 1).map(found ->
                found.size() <= limit ? new Page(found, "")
                        : new Page(found.subList(0, limit),
                                pageTokens.encode(scope, List.of(Long.toString(found.get(limit - 1).seq())))));
    }

    /** Walks the chain from the first entry, in batches, until the end or the first entry that does not match. */
    @WithSpan
    public Uni<Verdict> verify() {
        return verifyAfter(0, AuditChain.GENESIS, 0);
    }

    private Uni<Verdict> verifyAfter(long seq, String previousHash, long checked) {
        return log.chainAfter(seq, VERIFY_BATCH).flatMap(batch -> {
            String previous = previousHash;
            long expectedSeq = seq;
            long count = checked;
            for (AuditRecord e : batch) {
                count++;
                expectedSeq++;
                if (e.seq() != expectedSeq || !AuditChain.intact(e, previous)) {
                    return Uni.createFrom().item(new Verdict(false, count, e));
                }
                previous = e.hash();
            }
            if (batch.size() < VERIFY_BATCH) {
                String last = previous;
                long total = count;
                return log.headHash().map(head -> new Verdict(head.equals(last), total, null));
            }
            return verifyAfter(expectedSeq, previous, count);
        });
    }
}
