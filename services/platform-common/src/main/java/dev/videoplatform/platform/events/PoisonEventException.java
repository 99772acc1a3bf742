package dev.videoplatform.platform.events;

/** A record that can never be processed (unparseable, unknown type): retrying is pointless, it goes to the DLQ. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
