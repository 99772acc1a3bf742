package dev.videoplatform.notification.events;

import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.notification.service.FanOut;
import dev.videoplatform.platform.events.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code video.published} → a fan-out job to the channel's subscribers. The record is done once
 * the job is saved; the fan-out itself runs outside the consumer, so a channel with many
 * subscribers never holds up the partition.
 */
@ApplicationScoped
public class VideoPublishedConsumer {

    private final IdempotentConsumer consumer;
    private final FanOut fanOut;

    public VideoPublishedConsumer(IdempotentConsumer consumer, FanOut fanOut) {
        this.consumer = consumer;
        this.fanOut = fanOut;
    }

    @Incoming("video-published")
    public Uni<Void> onVideoPublished(byte[] record) {
        return consumer.consume(ActivityConsumer.GROUP, record, VideoPublished.class,
                call -> fanOut.schedule(call.tx(), call.envelope(), call.event())).invoke(fanOut::wake).replaceWithVoid();
    }
}
