package dev.videoplatform.operator.kafka;

/** Kafka refused or did not answer a topic request; the message is meant for the status condition. */
public class KafkaTopicProvisioningException extends RuntimeException {

    public KafkaTopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
