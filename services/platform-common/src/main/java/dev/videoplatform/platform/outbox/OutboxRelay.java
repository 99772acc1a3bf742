package dev.videoplatform.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent. At-least-once: a crash between
 * the broker's ack and the commit re-sends those rows, which consumers drop by event id.
 * Per-aggregate order holds because one relay at a time (a transaction-scoped advisory lock)
 * sends rows in id order, and the idempotent producer keeps order within a partition.
 */
public class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming "the outbox relay" among advisory locks of the service database. */
    private static final Duration MEASURE_EVERY = Duration.ofSeconds(5);
    private static final long LOCK_KEY = 0x7669646f6f7574L;

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final int batchSize;
    private final Duration idlePoll;
    private final Duration retention;
    private volatile boolean running;
    private Thread worker;
    /** Unsent rows and the age of the oldest, measured by the relay itself (metrics read them). */
    private volatile long backlogRows;
    private volatile double oldestUnsentSeconds;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, int batchSize, Duration idlePoll,
            Duration retention) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
        this.idlePoll = idlePoll;
        this.retention = retention;
    }

    /** Relays until closed, on a thread of its own (the work is blocking I/O). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    private void loop() {
        long backoffMillis = 100;
        long nextPurge = 0;
        long nextMeasure = 0;
        while (running) {
            try {
                if (System.nanoTime() - nextPurge > 0) {
                    purgeSent(retention);
                    nextPurge = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                }
                if (System.nanoTime() - nextMeasure > 0) {
                    measureBacklog();
                    nextMeasure = System.nanoTime() + MEASURE_EVERY.toNanos();
                }
                int sent = relayBatch();
                backoffMillis = 100;
                if (sent < batchSize) {
                    sleep(idlePoll.toMillis());
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay: %s; retrying in %d ms", e.getMessage(), backoffMillis);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    /** Publishes one batch; returns how many rows were sent (0 if another relay holds the lock). */
    public int relayBatch() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sent = relayBatch(connection);
                connection.commit();
                return sent;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int relayBatch(Connection connection) throws SQLException, InterruptedException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, topic, aggregate_key, envelope, traceparent FROM outbox_event"
                        + " WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                            rs.getBytes(4));
                    String traceparent = rs.getString(5);
                    if (traceparent != null) {
                        // Also as a header, for tools and for the messaging connector's tracing.
                        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
                    }
                    acks.add(producer.send(record));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge an outbox event: " + e.getMessage(), e);
            }
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE outbox_event SET sent_at = now() WHERE id = ANY(?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            mark.setArray(1, array);
            mark.executeUpdate();
        }
        return ids.size();
    }

    /** Counts the unsent rows (an index-only scan of the unsent index) and ages the oldest. */
    public void measureBacklog() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*),"
                        + " coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox_event WHERE sent_at IS NULL");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            backlogRows = rs.getLong(1);
            oldestUnsentSeconds = rs.getDouble(2);
        }
    }

    /** Unsent rows at the last measurement (every few seconds while relaying). */
    public long backlogRows() {
        return backlogRows;
    }

    /** Age of the oldest unsent row at the last measurement; 0 when none waits. */
    public double oldestUnsentSeconds() {
        return oldestUnsentSeconds;
    }

    /** Removes rows sent longer ago than {@code retention}; returns how many. */
    public int purgeSent(Duration retention) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(
                        "DELETE FROM outbox_event WHERE sent_at < now() - make_interval(secs => ?)")) {
            purge.setLong(1, retention.toSeconds());
            return purge.executeUpdate();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = worker;
            worker = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
