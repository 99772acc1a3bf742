package dev.videoplatform.streaming.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class AbortedDownloadsTest {

    private static LogRecord record(String logger, String message) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setLoggerName(logger);
        return record;
    }

    @Test
    void aClientThatHangsUpMidSegmentIsNotAnError() {
        AbortedDownloads filter = new AbortedDownloads();
        assertFalse(filter.isLoggable(record(AbortedDownloads.LOGGER, "sendfile(..) failed with error(-32): Broken pipe")));
        assertFalse(filter.isLoggable(record(AbortedDownloads.LOGGER, "sendfile(..) failed with error(-104): Connection reset by peer")));
    }

    @Test
    void everythingElseIsLogged() {
        AbortedDownloads filter = new AbortedDownloads();
        assertTrue(filter.isLoggable(record(AbortedDownloads.LOGGER, "sendfile(..) failed with error(-5): Input/output error")));
        assertTrue(filter.isLoggable(record(AbortedDownloads.LOGGER, "Unhandled exception")));
        assertTrue(filter.isLoggable(record("dev.videoplatform.streaming", "sendfile(..) failed with error(-32): Broken pipe")));
    }
}
