package dev.videoplatform.bench;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.videoplatform.bench.PairedRounds.Mix;
import dev.videoplatform.bench.PairedRounds.Row;
import dev.videoplatform.comment.v1.AddCommentRequest;
import dev.videoplatform.comment.v1.CommentOrder;
import dev.videoplatform.comment.v1.CommentServiceGrpc;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListCommentsResponse;
import dev.videoplatform.comment.v1.Vote;
import dev.videoplatform.comment.v1.VoteCommentRequest;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.UserSummary;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * comment-service against its own database floor (issue 18). Starts comment-service from its
 * production jar on the bench devstack (tokens from the devstack's test identity; upload-service
 * and user-service absent: the video's catalog entry and the users' names are put in the
 * service's shared cache, as a hot video's and active users' are), loads one video
 * with {@link CommentCorpus}, then per round ListComments' first page and deep pages over gRPC
 * beside pgbench replaying the SQL the service ran for them ({@link PairedRounds}), and
 * AddComment and VoteComment writes (each with its outbox row), with the time the outbox took to
 * drain.
 *
 * <p>With the first-page cache on, the first page is also measured while AddComment and
 * VoteComment run on the same video at a fixed rate (both sides: the service and pgbench), since
 * every write drops the cached page.
 *
 * <p>Arguments: work-dir pg-port kafka-bootstrap redis-port postgres-log seconds rounds comments first-page-cache
 * writes-per-second-while-reading.
 */
public final class CommentBench {

    private static final int[] CONCURRENCY = {32};
    private static final int CONNECTIONS = 4;
    private static final int WRITERS = 2000;
    private static final int DEEP_PAGES = 8;
    private static final int PAGES_BETWEEN_DEEP = 50;
    private static final String FIRST = "ListComments first page";
    private static final String DEEP = "ListComments deep page";
    private static final String FIRST_WHILE_WRITING = "ListComments first page while writing";
    /** Writes a measurement of {@link #FIRST_WHILE_WRITING} leaves unanswered before it stops sending. */
    private static final int WRITES_IN_FLIGHT = 256;

    private CommentBench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1); // the test identity's JWKS server would keep the JVM up
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int pgPort = Integer.parseInt(args[1]);
        int redisPort = Integer.parseInt(args[3]);
        Duration measured = Duration.ofSeconds(Long.parseLong(args[5]));
        int rounds = Integer.parseInt(args[6]);
        int comments = Integer.parseInt(args[7]);
        Duration warmup = Duration.ofSeconds(2);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/comments");
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + pgPort + "/comments");
        config.put("kafka.bootstrap.servers", args[2]);
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + redisPort);
        config.put("videoplatform.page-token.secret", "bench");
        config.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
        // Every bench client comes from 127.0.0.1: one address would otherwise get 200 reads/s.
        config.put("videoplatform.rate-limit.read-requests", "1000000");
        config.put("videoplatform.rate-limit.write-requests", "1000000");
        config.put("videoplatform.comment.first-page-cache", args[8]);
        config.putAll(Map.of("quarkus.grpc.clients.upload.host", "127.0.0.1", "quarkus.grpc.clients.upload.port", "1",
                "quarkus.grpc.clients.user.host", "127.0.0.1", "quarkus.grpc.clients.user.port", "1",
                "quarkus.otel.sdk.disabled", "true", "quarkus.log.level", "WARN"));
        List<ManagedChannel> channels = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.start(Path.of("services/comment-service/target/quarkus-app/quarkus-run.jar"),
                        config, work.resolve("comment.log"));
                Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/comments", "postgres", "")) {
            CommentCorpus corpus = new CommentCorpus();
            corpus.load(db, comments);
            warmSharedCache(redisPort);
            for (int i = 0; i < CONNECTIONS; i++) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", service.port()).usePlaintext().build());
            }
            boolean cached = Boolean.parseBoolean(args[8]);
            System.out.printf(Locale.ROOT, "# first-page cache %s; comment-service -Xmx256m; %d gRPC connections%n",
                    cached ? "ON (the gRPC side of the first page is served from memory)" : "off", CONNECTIONS);
            ThreadWrites writes = new ThreadWrites(channels, corpus);
            List<Row> rows = new ArrayList<>();
            reads(channels, db, Path.of(args[4]), work, pgPort, rounds, warmup, measured,
                    cached ? Integer.parseInt(args[9]) : 0, writes, service.port(), rows);
            PairedRounds.summary(rows, cached ? List.of(FIRST, DEEP, FIRST_WHILE_WRITING) : List.of(FIRST, DEEP), CONCURRENCY);
            writes(db, writes, rounds, warmup, measured);
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static void reads(List<ManagedChannel> channels, Connection db, Path pgLog, Path work, int pgPort, int rounds,
            Duration warmup, Duration measured, int writesPerSecond, ThreadWrites writes, int servicePort, List<Row> rows)
            throws Exception {
        var blocking = CommentServiceGrpc.newBlockingStub(channels.get(0));
        ListCommentsRequest first = ListCommentsRequest.newBuilder().setVideoId(CommentCorpus.VIDEO_ID)
                .setOrder(CommentOrder.COMMENT_ORDER_TOP).build();
        List<String> pgConnection = List.of("-h", "127.0.0.1", "-p", Integer.toString(pgPort), "-U", "postgres", "comments");
        StatementCapture capture = new StatementCapture(db, pgLog);
        // Captured first, while the first-page cache (when on) is still cold, so the call runs its SQL once.
        Mix<ListCommentsRequest> firstPage = PairedRounds.captured(FIRST, capture, work, "first", pgConnection, List.of(first),
                blocking::listComments);
        List<ListCommentsRequest> deep = new ArrayList<>();
        ListCommentsRequest next = first;
        for (int page = 1; page <= DEEP_PAGES * PAGES_BETWEEN_DEEP; page++) {
            ListCommentsResponse response = blocking.listComments(next);
            next = first.toBuilder().setPageToken(response.getNextPageToken()).build();
            if (page % PAGES_BETWEEN_DEEP == 0) {
                deep.add(next);
            }
        }
        Mix<ListCommentsRequest> deepPages = PairedRounds.captured(DEEP, capture, work, "deep", pgConnection, deep,
                blocking::listComments);
        System.out.printf(Locale.ROOT, "# TOP order, 20 a page, anonymous; deep pages: %d tokens, %d to %d pages in;"
                + " pgbench -M %s%n", deep.size(), PAGES_BETWEEN_DEEP, DEEP_PAGES * PAGES_BETWEEN_DEEP,
                firstPage.pgbench().protocol());
        if (writesPerSecond > 0) {
            System.out.printf(Locale.ROOT, "# '%s': the first page while AddComment and VoteComment (alternately, %d/s,"
                    + " open loop) run on the video, during the gRPC and the pgbench side alike%n", FIRST_WHILE_WRITING,
                    writesPerSecond);
        }
        Mix<ListCommentsRequest> whileWriting = new Mix<>(FIRST_WHILE_WRITING, firstPage.requests(), firstPage.pgbench());
        var stubs = channels.stream().map(CommentServiceGrpc::newFutureStub).toList();
        AtomicInteger turn = new AtomicInteger();
        List<String> writesMade = new ArrayList<>();
        System.out.println();
        PairedRounds.header();
        // Round 0 warms up the JIT, the connections and PostgreSQL's caches; it is not counted.
        for (int round = 0; round <= rounds; round++) {
            Duration length = round == 0 ? Duration.ofSeconds(3) : measured;
            for (int concurrency : CONCURRENCY) {
                for (Mix<ListCommentsRequest> mix : List.of(firstPage, deepPages)) {
                    rows.add(PairedRounds.measure(round, mix, concurrency, warmup, length,
                            r -> stubs.get(Math.floorMod(turn.getAndIncrement(), CONNECTIONS)).listComments(r)));
                }
                if (writesPerSecond > 0) {
                    CacheCounters counters = new CacheCounters(servicePort, "vp:comment:page");
                    Map<String, Double> before = counters.read();
                    try (BackgroundWrites background = new BackgroundWrites(writesPerSecond, writes)) {
                        rows.add(PairedRounds.measure(round, whileWriting, concurrency, warmup, length,
                                r -> stubs.get(Math.floorMod(turn.getAndIncrement(), CONNECTIONS)).listComments(r)));
                        writesMade.add("round " + round + ": " + background.report() + "; first pages "
                                + CacheCounters.difference(before, counters.read()));
                    }
                }
            }
            if (round == 0) {
                rows.clear();
            }
        }
        if (!writesMade.isEmpty()) {
            System.out.println("# writes during '" + FIRST_WHILE_WRITING + "' (both sides): " + String.join("; ", writesMade));
        }
    }

    /** AddComment (a fifth of them replies) and VoteComment on the bench video, by {@link #WRITERS} signed-in users. */
    private static final class ThreadWrites {

        private static final Vote[] VOTES = {Vote.VOTE_UP, Vote.VOTE_UP, Vote.VOTE_DOWN, Vote.VOTE_NONE};
        private final List<CommentServiceGrpc.CommentServiceFutureStub> writers = new ArrayList<>();
        private final CommentCorpus corpus;
        private final Zipf threads;
        private final AtomicLong sequence = new AtomicLong();

        ThreadWrites(List<ManagedChannel> channels, CommentCorpus corpus) {
            for (int k = 0; k < WRITERS; k++) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                        "Bearer " + TestIdentity.shared().token(writer(k), Set.of("user"), Duration.ofHours(2)));
                writers.add(CommentServiceGrpc.newFutureStub(channels.get(k % CONNECTIONS))
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)));
            }
            this.corpus = corpus;
            this.threads = new Zipf(corpus.topLevel.size(), 1.1);
        }

        /** A new comment with a text of its own (the spam guard refuses repeats); a fifth reply to a Zipf-drawn thread. */
        ListenableFuture<?> add() {
            long n = sequence.incrementAndGet();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            AddCommentRequest.Builder request = AddCommentRequest.newBuilder().setVideoId(CommentCorpus.VIDEO_ID)
                    .setText("bench comment " + n).setRequestId(UUID.randomUUID().toString());
            if (random.nextInt(5) == 0) {
                request.setParentCommentId(corpus.topLevel.get(threads.rank(random.nextDouble())).toString());
            }
            return writers.get((int) (n % WRITERS)).addComment(request.build());
        }

        /** Up, up, down or clear on a top-level comment drawn by the Zipf law, by a random writer. */
        ListenableFuture<?> vote() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return writers.get(random.nextInt(WRITERS)).voteComment(VoteCommentRequest.newBuilder()
                    .setCommentId(corpus.topLevel.get(threads.rank(random.nextDouble())).toString())
                    .setVote(VOTES[random.nextInt(VOTES.length)]).build());
        }
    }

    /**
     * AddComment and VoteComment, alternately, at a fixed rate (open loop) from a timer thread of
     * their own; at most {@link #WRITES_IN_FLIGHT} unanswered, beyond that a due write is counted
     * as not sent. Stops when closed.
     */
    private static final class BackgroundWrites implements AutoCloseable {

        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final Semaphore inFlight = new Semaphore(WRITES_IN_FLIGHT);
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong notSent = new AtomicLong();
        private final long started = System.nanoTime();

        BackgroundWrites(int perSecond, ThreadWrites writes) {
            AtomicLong due = new AtomicLong();
            timer.scheduleAtFixedRate(() -> {
                if (!inFlight.tryAcquire()) {
                    notSent.incrementAndGet();
                    return;
                }
                ListenableFuture<?> call = due.getAndIncrement() % 2 == 0 ? writes.add() : writes.vote();
                call.addListener(() -> {
                    try {
                        call.get();
                        answered.incrementAndGet();
                    } catch (ExecutionException | InterruptedException e) {
                        failed.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                }, MoreExecutors.directExecutor());
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
        }

        String report() {
            double seconds = (System.nanoTime() - started) / 1e9;
            return String.format(Locale.ROOT, "%d answered in %.1f s (%.0f/s), %d failed, %d not sent", answered.get(),
                    seconds, answered.get() / seconds, failed.get(), notSent.get());
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** AddComment (a fifth of them replies) and VoteComment from {@link #WRITERS} users, every round; then the outbox drain. */
    private static void writes(Connection db, ThreadWrites writes, int rounds, Duration warmup, Duration measured)
            throws Exception {
        Supplier<ListenableFuture<?>> add = writes::add;
        Supplier<ListenableFuture<?>> vote = writes::vote;
        System.out.println();
        System.out.println("# writes from " + WRITERS + " users; AddComment: a fifth are replies to threads drawn by the"
                + " same Zipf law; VoteComment: up, up, down or clear on top-level comments drawn by it");
        System.out.println("| round " + LoadResult.header().replace("\n", "\n| --- "));
        for (int round = 0; round <= rounds; round++) {
            Duration length = round == 0 ? Duration.ofSeconds(3) : measured;
            for (int concurrency : CONCURRENCY) {
                LoadResult added = ClosedLoopLoad.run("AddComment", concurrency, warmup, length, add);
                LoadResult voted = ClosedLoopLoad.run("VoteComment", concurrency, warmup, length, vote);
                if (round > 0) {
                    System.out.println("| " + round + " " + added.row());
                    System.out.println("| " + round + " " + voted.row());
                }
            }
        }
        long start = System.nanoTime();
        long unsent;
        long total;
        do {
            Thread.sleep(100);
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE sent_at IS NULL), count(*) FROM outbox_event")) {
                r.next();
                unsent = r.getLong(1);
                total = r.getLong(2);
            }
        } while (unsent > 0 && System.nanoTime() - start < Duration.ofMinutes(2).toNanos());
        System.out.printf(Locale.ROOT, "# outbox: %d comment.created rows written; %d unsent %.1f s after the last write%n",
                total, unsent, (System.nanoTime() - start) / 1e9);
    }

    /**
     * What a busy comment-service has in its shared cache, put there as upload- and user-service
     * would have answered: the video, and the names of every author and writer (so names come
     * from memory, as hot ones do, and the absent user-service is never asked). SET without expiry,
     * pipelined over one socket (RESP).
     */
    private static void warmSharedCache(int redisPort) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        entries.put("vp:comment:video:" + CommentCorpus.VIDEO_ID, Video.newBuilder().setVideoId(CommentCorpus.VIDEO_ID)
                .setChannelId(CommentCorpus.OWNER_ID).setTitle("Bench video").setStatus(VideoStatus.VIDEO_STATUS_READY)
                .setVisibility(Visibility.VISIBILITY_PUBLIC).setCommentsEnabled(true).build().toByteArray());
        List<String> people = new ArrayList<>(CommentCorpus.authorIds());
        for (int k = 0; k < WRITERS; k++) {
            people.add(writer(k));
        }
        for (String id : people) {
            entries.put("vp:comment:author:" + id, UserSummary.newBuilder().setUserId(id).setUsername(id)
                    .setDisplayName("Name of " + id).setAvatarUrl("/avatars/" + id + ".jpg").build().toByteArray());
        }
        ByteArrayOutputStream commands = new ByteArrayOutputStream();
        entries.forEach((key, value) -> {
            commands.writeBytes("*3\r\n$3\r\nSET\r\n".getBytes(StandardCharsets.US_ASCII));
            for (byte[] argument : List.of(key.getBytes(StandardCharsets.UTF_8), value)) {
                commands.writeBytes(("$" + argument.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                commands.writeBytes(argument);
                commands.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        });
        try (Socket redis = new Socket("127.0.0.1", redisPort)) {
            OutputStream out = redis.getOutputStream();
            out.write(commands.toByteArray());
            out.flush();
            byte[] replies = redis.getInputStream().readNBytes(5 * entries.size());
            String expected = "+OK\r\n".repeat(entries.size());
            if (!new String(replies, StandardCharsets.US_ASCII).equals(expected)) {
                throw new IllegalStateException("Redis did not take the cache entries");
            }
        }
    }

    private static String writer(int k) {
        return "bench-writer-" + k;
    }
}
