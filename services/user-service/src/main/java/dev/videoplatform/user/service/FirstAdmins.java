package dev.videoplatform.user.service;

import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.user.config.UserServiceConfig;
import dev.videoplatform.user.repository.Account;
import dev.videoplatform.user.repository.AccountRepository;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The administrators named in configuration ({@code videoplatform.user.admins}; a Secret in
 * Kubernetes, {@code .devstack/admins} locally): the way a platform gets its first admin, since
 * only an admin could grant the role otherwise. Granted at start-up to the listed accounts that
 * exist, and at the next session start (login, refresh) of a listed account registered later.
 * Removing a name from the list does not take the role away.
 */
@ApplicationScoped
public class FirstAdmins {

    private static final Logger LOG = Logger.getLogger(FirstAdmins.class);

    private final AccountRepository accounts;
    private final UserCache cache;
    private final Set<String> usernames;

    public FirstAdmins(AccountRepository accounts, UserCache cache, UserServiceConfig config) {
        this.accounts = accounts;
        this.cache = cache;
        this.usernames = config.admins().orElse(Set.of());
    }

    void grantAtStartup(@Observes StartupEvent started) {
        if (usernames.isEmpty()) {
            return;
        }
        try {
            List<Account> granted = accounts.pool().withTransaction(tx -> accounts.grantAdmin(tx, usernames))
                    .call(changed -> forget(changed)).await().atMost(Duration.ofSeconds(30));
            granted.forEach(a -> LOG.infof("granted the admin role to %s (videoplatform.user.admins)", a.username()));
        } catch (RuntimeException e) {
            // Not fatal: the listed accounts get the role at their next login instead.
            LOG.warnf("could not grant the admin role at start-up: %s", e.toString());
        }
    }

    /** The account as a session should see it: with the admin role if it is listed and lacked it. */
    public Uni<Account> asListed(SqlClient tx, Account account) {
        if (!usernames.contains(account.username()) || account.roles().contains(Caller.ROLE_ADMIN)) {
            return Uni.createFrom().item(account);
        }
        return accounts.grantAdmin(tx, List.of(account.username())).call(this::forget).map(changed -> {
            LOG.infof("granted the admin role to %s (videoplatform.user.admins)", account.username());
            List<String> roles = new ArrayList<>(account.roles());
            roles.add(Caller.ROLE_ADMIN);
            return new Account(account.id(), account.username(), account.email(), account.displayName(), account.bio(),
                    account.avatarUrl(), account.passwordHash(), List.copyOf(roles), account.suspended(),
                    account.subscriberCount(), account.createdAt(), account.updatedAt());
        });
    }

    private Uni<Void> forget(List<Account> changed) {
        return Uni.join().all(changed.stream().map(a -> cache.invalidate(a.id())).toList()).andCollectFailures()
                .replaceWithVoid().onFailure().recoverWithNull();
    }
}
