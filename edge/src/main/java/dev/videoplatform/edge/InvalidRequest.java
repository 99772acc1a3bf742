package dev.videoplatform.edge;

/** A request the edge refuses before calling anyone: answered as INVALID_ARGUMENT (HTTP 400). */
final class InvalidRequest extends RuntimeException {

    InvalidRequest(String message) {
        super(message, null, false, false);
    }
}
