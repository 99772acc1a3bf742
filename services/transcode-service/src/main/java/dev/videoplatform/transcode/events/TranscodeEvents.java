package dev.videoplatform.transcode.events;

import com.google.protobuf.Message;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.outbox.OutboxRelayLifecycle;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What the workers tell the rest of the platform. The service has no database, hence no outbox:
 * a job's result is sent with the lossless producer settings and waited for before the request
 * is acknowledged, under an event id derived from the job id, so a result sent again after a
 * crash is recognised as the same event by idempotent consumers. Progress is fire-and-forget.
 */
@ApplicationScoped
public class TranscodeEvents {

    private static final Logger LOG = Logger.getLogger(TranscodeEvents.class);
    static final String PRODUCER = "transcode-service";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final int SEND_TRIES = 5;

    private final KafkaProducer<String, byte[]> producer;

    public TranscodeEvents(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.producer = new KafkaProducer<>(OutboxRelayLifecycle.producerConfig(bootstrapServers, PRODUCER),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends a job's result and waits until Kafka has it; throws when it could not. */
    public void result(String videoId, String jobId, Message payload) throws InterruptedException {
        EventEnvelope envelope = EventEnvelopes.wrap(PRODUCER, videoId, payload).toBuilder()
                .setEventId(resultEventId(jobId, EventEnvelopes.eventType(payload.getDescriptorForType()))).build();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(envelope.getEventType(), videoId, envelope.toByteArray());
        for (int tries = 1; ; tries++) {
            try {
                producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (tries >= SEND_TRIES) {
                    throw new IllegalStateException("could not send " + envelope.getEventType() + " for job " + jobId, e);
                }
                LOG.warnf("sending %s for job %s failed (%s); trying again", envelope.getEventType(), jobId, e.getMessage());
                Thread.sleep(1000L * tries);
            }
        }
    }

    /** Sends a progress report without waiting: progress is lossy by contract. */
    public void progress(String videoId, Message payload) {
        EventEnvelope envelope = EventEnvelopes.wrap(PRODUCER, videoId, payload);
        producer.send(new ProducerRecord<>(envelope.getEventType(), videoId, envelope.toByteArray()), (metadata, failure) -> {
            if (failure != null) {
                LOG.debugf("progress for video %s not sent: %s", videoId, failure.getMessage());
            }
        });
    }

    /** The same id for the same job's result, however often it is sent. */
    static String resultEventId(String jobId, String eventType) {
        return UUID.nameUUIDFromBytes((eventType + "/" + jobId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
