package dev.videoplatform.user.events;

import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.AdminUserSuspended;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.user.service.AccountService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies admin's suspensions and reinstatements, once each (poison goes to the topic's DLQ). */
@ApplicationScoped
public class SuspensionConsumer {

    static final String GROUP = "user-service";

    private final IdempotentConsumer consumer;
    private final AccountService accounts;

    public SuspensionConsumer(IdempotentConsumer consumer, AccountService accounts) {
        this.consumer = consumer;
        this.accounts = accounts;
    }

    @Incoming("admin-user-suspended")
    public Uni<Void> onSuspended(byte[] record) {
        return consumer.consume(GROUP, record, AdminUserSuspended.class,
                call -> accounts.suspend(call.tx(), call.event().getUserId())).replaceWithVoid();
    }

    @Incoming("admin-user-reinstated")
    public Uni<Void> onReinstated(byte[] record) {
        return consumer.consume(GROUP, record, AdminUserReinstated.class,
                call -> accounts.reinstate(call.tx(), call.event().getUserId())).replaceWithVoid();
    }
}
