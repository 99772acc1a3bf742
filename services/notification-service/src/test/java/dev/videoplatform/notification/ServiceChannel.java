package dev.videoplatform.notification;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every API test of notification-service starts from: a channel to the service under test, per test. */
abstract class ServiceChannel {

    protected ManagedChannel service;

    @BeforeEach
    void openChannel() {
        service = Platform.service();
    }

    @AfterEach
    void closeChannel() {
        service.shutdownNow();
    }
}
