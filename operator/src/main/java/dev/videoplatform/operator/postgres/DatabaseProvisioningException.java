package dev.videoplatform.operator.postgres;

/** The databases could not be brought in line; the message says why, for the status condition. */
public class DatabaseProvisioningException extends Exception {

    public DatabaseProvisioningException(String message) {
        super(message);
    }

    public DatabaseProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
