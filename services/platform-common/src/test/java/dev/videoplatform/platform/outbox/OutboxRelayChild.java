package dev.videoplatform.platform.outbox;

import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

/** A relay in a process of its own, so that a test can kill it with SIGKILL mid-way. */
public final class OutboxRelayChild {

    private OutboxRelayChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                OutboxRelayLifecycle.producerConfig(args[2], "relay-child"), new StringSerializer(), new ByteArraySerializer());
        // One row per batch: slow enough that the kill lands in the middle of the outbox.
        new OutboxRelay(dataSource, producer, 1, Duration.ofMillis(5), Duration.ofDays(1)).start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
