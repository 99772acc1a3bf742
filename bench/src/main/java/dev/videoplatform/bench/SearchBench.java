package dev.videoplatform.bench;

import dev.videoplatform.bench.PairedRounds.Mix;
import dev.videoplatform.bench.PairedRounds.Row;
import dev.videoplatform.search.v1.AutocompleteRequest;
import dev.videoplatform.search.v1.SearchRequest;
import dev.videoplatform.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * search-service against its own database floor (issue 17). Indexes the generated videos through
 * Kafka as upload-service and analytics-service would announce them, captures the SQL the service
 * runs for each request of the query mix (see {@link StatementCapture}), then per round measures
 * Search and Autocomplete over gRPC and pgbench replaying the same statements with the same
 * parameters, at concurrency 1 and 32, side by side; the paired ratio of each round is what is
 * judged. Last, index freshness under a stream of updates ({@link IndexFreshness}).
 *
 * <p>With the hot-query cache on (the production setting), the mixes hold each request once (a
 * repeat would be answered from the cache while its statements are captured), and each round also
 * measures Autocomplete while {@code video.updated} events stream in: every change to the listed
 * videos retires the cached answers (a new index generation every {@code change-delay}).
 *
 * <p>Arguments: grpc-port kafka-bootstrap pg-port postgres-log work-dir seconds rounds videos hot-query-cache
 * updates-per-second-while-reading.
 */
public final class SearchBench {

    private static final int[] CONCURRENCY = {1, 32};
    private static final int CONNECTIONS = 4;
    private static final String CHURNED = "Autocomplete while the index changes";

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        SearchCorpus corpus = new SearchCorpus();
        List<SearchCorpus.Video> videos = corpus.videos(Integer.parseInt(args[7]));
        int grpcPort = Integer.parseInt(args[0]);
        int pgPort = Integer.parseInt(args[2]);
        Path work = Path.of(args[4]);
        Duration measured = Duration.ofSeconds(Long.parseLong(args[5]));
        Duration warmup = Duration.ofSeconds(2);
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            channels.add(NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build());
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/search", "postgres", "");
                CatalogEvents events = new CatalogEvents(args[1])) {
            index(db, events, videos);
            var blocking = SearchServiceGrpc.newBlockingStub(channels.get(0));
            boolean cached = Boolean.parseBoolean(args[8]);
            int updatesPerSecond = Integer.parseInt(args[9]);
            List<SearchRequest> searches = corpus.searchQueries(Pgbench.MAX_SCRIPTS, videos).stream()
                    .map(q -> SearchRequest.newBuilder().setQuery(q).build()).toList();
            List<AutocompleteRequest> prefixes = corpus.prefixes(Pgbench.MAX_SCRIPTS, videos).stream()
                    .map(p -> AutocompleteRequest.newBuilder().setPrefix(p).build()).toList();
            if (cached) {
                // As the service keys its cache: Search by the request, Autocomplete by the trimmed prefix.
                searches = searches.stream().distinct().toList();
                Set<String> seen = new HashSet<>();
                prefixes = prefixes.stream().filter(p -> seen.add(p.getPrefix().strip())).toList();
            }
            List<String> pgConnection = List.of("-h", "127.0.0.1", "-p", Integer.toString(pgPort), "-U", "postgres", "search");
            StatementCapture capture = new StatementCapture(db, Path.of(args[3]));
            Mix<SearchRequest> search = PairedRounds.captured("Search", capture, work, "search", pgConnection, searches,
                    blocking::search);
            Mix<AutocompleteRequest> autocomplete = PairedRounds.captured("Autocomplete", capture, work, "complete",
                    pgConnection, prefixes, blocking::autocomplete);
            System.out.printf(Locale.ROOT, "# query mix: %d searches, %d prefixes (examples: %s; %s); pgbench -M %s%n",
                    searches.size(), prefixes.size(), searches.stream().limit(8).map(SearchRequest::getQuery).toList(),
                    prefixes.stream().limit(8).map(AutocompleteRequest::getPrefix).toList(), search.pgbench().protocol());

            if (cached) {
                System.out.printf(Locale.ROOT, "# hot-query cache ON; '%s': Autocomplete while %d video.updated/s"
                        + " stream in, during the gRPC and the pgbench side alike%n", CHURNED, updatesPerSecond);
            }
            Mix<AutocompleteRequest> churned = new Mix<>(CHURNED, autocomplete.requests(), autocomplete.pgbench());
            CacheCounters completions = new CacheCounters(grpcPort, "search:completions");
            List<String> churnedCache = new ArrayList<>();
            var stubs = channels.stream().map(SearchServiceGrpc::newFutureStub).toList();
            AtomicInteger next = new AtomicInteger();
            List<Row> rows = new ArrayList<>();
            System.out.println();
            PairedRounds.header();
            // Round 0 warms up the JIT, the connections and PostgreSQL's caches; it is not counted.
            for (int round = 0; round <= Integer.parseInt(args[6]); round++) {
                Duration length = round == 0 ? Duration.ofSeconds(3) : measured;
                for (int concurrency : CONCURRENCY) {
                    rows.add(PairedRounds.measure(round, search, concurrency, warmup, length,
                            r -> stubs.get(Math.floorMod(next.getAndIncrement(), CONNECTIONS)).search(r)));
                    rows.add(PairedRounds.measure(round, autocomplete, concurrency, warmup, length,
                            r -> stubs.get(Math.floorMod(next.getAndIncrement(), CONNECTIONS)).autocomplete(r)));
                }
                if (cached) {
                    var before = completions.read();
                    try (BackgroundUpdates updates = new BackgroundUpdates(events, corpus, videos, updatesPerSecond)) {
                        rows.add(PairedRounds.measure(round, churned, 32, warmup, length,
                                r -> stubs.get(Math.floorMod(next.getAndIncrement(), CONNECTIONS)).autocomplete(r)));
                        churnedCache.add("round " + round + ": " + updates.sent() + " updates sent; answers "
                                + CacheCounters.difference(before, completions.read()));
                    }
                }
                if (round == 0) {
                    rows.clear();
                }
            }
            if (cached) {
                System.out.println("# '" + CHURNED + "' (both sides): " + String.join("; ", churnedCache));
                PairedRounds.summary(rows, List.of(CHURNED), new int[] {32});
            }
            PairedRounds.summary(rows, List.of("Search", "Autocomplete"), CONCURRENCY);
            IndexFreshness.measure(events, corpus, videos, db, channels.get(0), 200, Duration.ofSeconds(30));
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    /** Random videos retitled at a fixed rate (as {@link IndexFreshness} does, unmeasured) until closed. */
    private static final class BackgroundUpdates implements AutoCloseable {

        private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger sent = new AtomicInteger();

        BackgroundUpdates(CatalogEvents events, SearchCorpus corpus, List<SearchCorpus.Video> videos, int perSecond) {
            SplittableRandom random = new SplittableRandom(7);
            sender.scheduleAtFixedRate(() -> {
                SearchCorpus.Video video = videos.get(random.nextInt(videos.size()));
                events.retitled(video, corpus.retitle(random, IndexFreshness.marker(random)));
                sent.incrementAndGet();
            }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        }

        int sent() {
            return sent.get();
        }

        @Override
        public void close() throws InterruptedException {
            sender.shutdownNow();
            sender.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Publishes every video and its view count, and reports how long the consumers take to list them. */
    private static void index(Connection db, CatalogEvents events, List<SearchCorpus.Video> videos) throws Exception {
        long start = System.nanoTime();
        videos.forEach(events::published);
        videos.forEach(events::viewCount);
        events.flush();
        double sent = (System.nanoTime() - start) / 1e9;
        double listedAfter = Double.NaN;
        double countedAfter = Double.NaN;
        long deadline = start + Duration.ofMinutes(15).toNanos();
        try (Statement s = db.createStatement()) {
            while (System.nanoTime() < deadline && (Double.isNaN(listedAfter) || Double.isNaN(countedAfter))) {
                Thread.sleep(250);
                try (ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE listed),"
                        + " count(*) FILTER (WHERE counts_version IS NOT NULL AND listed) FROM video")) {
                    r.next();
                    double now = (System.nanoTime() - start) / 1e9;
                    if (Double.isNaN(listedAfter) && r.getLong(1) >= videos.size()) {
                        listedAfter = now;
                    }
                    if (Double.isNaN(countedAfter) && r.getLong(2) >= videos.size()) {
                        countedAfter = now;
                    }
                }
            }
            if (Double.isNaN(listedAfter) || Double.isNaN(countedAfter)) {
                throw new IllegalStateException("the videos were not all indexed within 15 minutes");
            }
            System.out.printf(Locale.ROOT, "# indexing: %d video.published + %d analytics.video.counts sent in %.1f s;"
                    + " all listed after %.1f s (%.0f videos/s), all view counts applied after %.1f s%n",
                    videos.size(), videos.size(), sent, listedAfter, videos.size() / listedAfter, countedAfter);
            // What autovacuum would do after a bulk load, done now so that every round sees the same statistics.
            long vacuum = System.nanoTime();
            s.execute("VACUUM ANALYZE video, suggestion, lexicon");
            try (ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM suggestion), (SELECT count(*) FROM lexicon),"
                    + " pg_size_pretty(pg_database_size('search'))")) {
                r.next();
                System.out.printf(Locale.ROOT, "# read model: %d suggestions, %d lexicon words, database %s; VACUUM ANALYZE %.1f s%n",
                        r.getLong(1), r.getLong(2), r.getString(3), (System.nanoTime() - vacuum) / 1e9);
            }
        }
    }
}
