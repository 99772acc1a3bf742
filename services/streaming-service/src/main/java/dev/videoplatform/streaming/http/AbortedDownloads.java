package dev.videoplatform.streaming.http;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * Keeps aborted segment downloads out of the log. Players drop downloads all the time (seeks,
 * quality switches, closed tabs), and Vert.x reports every such failed sendfile as an ERROR with
 * a stack trace, bypassing the connection's exception handler; a busy replica would log thousands
 * an hour. Only those two errors (EPIPE, ECONNRESET) of that one logger are dropped.
 */
@LoggingFilter(name = "aborted-downloads")
public final class AbortedDownloads implements Filter {

    static final String LOGGER = "io.vertx.core.net.impl.ConnectionBase";
    private static final Pattern ABORTED = Pattern.compile("^sendfile\\(\\.\\.\\) failed with error\\(-(32|104)\\)");

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(LOGGER.equals(record.getLoggerName()) && record.getMessage() != null && ABORTED.matcher(record.getMessage()).find());
    }
}
