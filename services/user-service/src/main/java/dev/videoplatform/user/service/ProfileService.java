package dev.videoplatform.user.service;

import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.user.repository.Account;
import dev.videoplatform.user.repository.AccountRepository;
import dev.videoplatform.user.v1.User;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading users (cache-aside: Redis, then PostgreSQL) and updating one's own profile. */
@ApplicationScoped
public class ProfileService {

    /** Fields UpdateProfile may change; the rest are immutable or output-only. */
    private static final Set<String> UPDATABLE = Set.of("display_name", "bio", "avatar_url");
    static final int MAX_BATCH = 100;

    private final AccountRepository accounts;
    private final UserCache cache;
    private final OutboxWriter outbox;

    public ProfileService(AccountRepository accounts, UserCache cache, OutboxWriter outbox) {
        this.accounts = accounts;
        this.cache = cache;
        this.outbox = outbox;
    }

    @WithSpan
    public Uni<User> get(String userId, Caller viewer) {
        new Violations().requireNonBlank(userId, "user_id").length(userId, "user_id", 0, 64).throwIfAny();
        return load(List.of(userId)).map(found -> {
            User user = found.get(userId);
            if (user == null) {
                throw DomainException.notFound("USER_NOT_FOUND", "user " + userId + " does not exist");
            }
            return UserViews.forViewer(user, viewer);
        });
    }

    /** An account's email address and whether it is suspended, for other services (internal RPC). */
    @WithSpan
    public Uni<Account> emailAddressOf(String userId) {
        new Violations().requireNonBlank(userId, "user_id").length(userId, "user_id", 0, 64).throwIfAny();
        return accounts.findById(userId).map(found -> found.orElseThrow(
                () -> DomainException.notFound("USER_NOT_FOUND", "user " + userId + " does not exist")));
    }

    /** Users by id, in request order (duplicates folded); unknown ids are reported, not failed. */
    @WithSpan
    public Uni<Map.Entry<List<User>, List<String>>> batchGet(List<String> userIds, Caller viewer) {
        Violations v = new Violations();
        v.check(userIds.isEmpty(), "user_ids", "is required");
        v.check(userIds.size() > MAX_BATCH, "user_ids", "at most " + MAX_BATCH + " ids");
        for (int i = 0; i < userIds.size(); i++) {
            v.requireNonBlank(userIds.get(i), "user_ids[" + i + "]");
        }
        v.throwIfAny();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
        return load(ids).map(found -> {
            List<User> users = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                User user = found.get(id);
                if (user == null) {
                    missing.add(id);
                } else {
                    users.add(UserViews.forViewer(user, viewer));
                }
            }
            return Map.entry(users, missing);
        });
    }

    /** Full users by id: from Redis where cached, the rest from PostgreSQL (then cached). */
    Uni<Map<String, User>> load(List<String> ids) {
        return cache.getOrLoad(ids, misses -> accounts.findByIds(misses).map(loaded -> {
            Map<String, User> users = new java.util.HashMap<>();
            loaded.forEach(account -> users.put(account.id(), UserViews.full(account)));
            return users;
        }));
    }

    @WithSpan
    public Uni<User> update(User patch, List<String> paths, Caller caller) {
        Violations v = new Violations();
        v.requireNonBlank(patch.getUserId(), "user.user_id");
        v.check(paths.isEmpty(), "update_mask", "must name at least one field");
        for (String path : paths) {
            v.check(!UPDATABLE.contains(path), "update_mask", "'" + path + "' cannot be updated (allowed: "
                    + String.join(", ", UPDATABLE.stream().sorted().toList()) + ")");
        }
        if (paths.contains("display_name")) {
            AccountRules.displayName(v, "user.display_name", patch.getDisplayName());
        }
        if (paths.contains("bio")) {
            v.length(patch.getBio(), "user.bio", 0, 1000);
        }
        if (paths.contains("avatar_url")) {
            String url = patch.getAvatarUrl();
            v.check(!url.isEmpty() && (!url.startsWith("https://") || url.length() > 2048), "user.avatar_url",
                    "must be an https URL of at most 2048 characters, or empty");
        }
        v.throwIfAny();
        if (!caller.isSelfOrAdmin(patch.getUserId())) {
            throw DomainException.permissionDenied("NOT_OWNER", "only the user themself may update this profile");
        }
        return accounts.pool().withTransaction(tx -> accounts.findById(tx, patch.getUserId()).flatMap(found -> {
            Account current = found.orElseThrow(() -> DomainException.notFound("USER_NOT_FOUND",
                    "user " + patch.getUserId() + " does not exist"));
            return accounts.updateProfile(tx, current.id(),
                    paths.contains("display_name") ? patch.getDisplayName() : current.displayName(),
                    paths.contains("bio") ? patch.getBio() : current.bio(),
                    paths.contains("avatar_url") ? patch.getAvatarUrl() : current.avatarUrl());
        }).call(updated -> outbox.append(tx, updated.id(), UserViews.updated(updated, paths))))
                .call(updated -> cache.invalidate(updated.id()))
                .map(updated -> UserViews.forViewer(UserViews.full(updated), caller));
    }
}
