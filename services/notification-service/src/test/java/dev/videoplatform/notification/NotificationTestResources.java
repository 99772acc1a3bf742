package dev.videoplatform.notification;

import dev.videoplatform.devstack.DevstackTestResource;
import dev.videoplatform.devstack.TestIdentityResource;
import dev.videoplatform.devstack.UserServiceResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * notification-service under test: its database, Kafka and Redis on the devstack, tokens from the
 * test identity, the real user-service as a process (subscribers for fan-out, email addresses),
 * and a port for the in-JVM SMTP server the email tests start and stop ({@link MailSink}).
 */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(TestIdentityResource.class)
@QuarkusTestResource(UserServiceResource.class)
@QuarkusTestResource(MailSink.Port.class)
public final class NotificationTestResources {

    private NotificationTestResources() {
    }
}
