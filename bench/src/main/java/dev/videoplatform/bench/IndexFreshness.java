package dev.videoplatform.bench;

import dev.videoplatform.search.v1.SearchRequest;
import dev.videoplatform.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Index freshness under a stream of updates: {@code video.updated} events at a fixed rate, each
 * giving a random video a new title that ends in a marker word of its own. An update is fresh
 * once the read model lists the video and its search document matches the marker, which is what
 * a Search for the marker reads (a new word is never in the hot-query cache). A poller checks the
 * pending updates every 25 ms with one primary-key query against PostgreSQL: cheap, so it does
 * not take the cores the consumer needs (polling through Search did, and starved it). Freshness
 * is the time from the send to the poll that saw it (an upper bound, within 25 ms plus the
 * query). At the end, Search itself is asked for the last markers, to show the two agree.
 */
final class IndexFreshness {

    /** Between polls: bounds the poller's load and the resolution of the result. */
    private static final long POLL_INTERVAL_MILLIS = 25;
    private static final int CONFIRMED_BY_SEARCH = 20;

    private static final String FRESH = """
            SELECT p.marker FROM unnest(?::text[], ?::text[]) AS p(video_id, marker)
            JOIN video v ON v.video_id = p.video_id
            WHERE v.listed AND v.document @@ to_tsquery('search_simple', p.marker)""";

    private IndexFreshness() {
    }

    /** An update on its way: the video it retitled and when it was sent. */
    private record Pending(String videoId, long sentAt) {
    }

    static void measure(CatalogEvents events, SearchCorpus corpus, List<SearchCorpus.Video> videos, Connection db,
            ManagedChannel channel, int perSecond, Duration length) throws InterruptedException, SQLException {
        Map<String, Pending> pending = new ConcurrentHashMap<>();
        Map<String, String> markerOfVideo = new ConcurrentHashMap<>();
        AtomicInteger superseded = new AtomicInteger();
        List<Long> latencies = new ArrayList<>();
        List<String> found = new ArrayList<>();
        int total = (int) (perSecond * length.toSeconds());
        AtomicInteger sent = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(99);
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        sender.scheduleAtFixedRate(() -> {
            if (sent.get() >= total) {
                return;
            }
            String marker = marker(random);
            SearchCorpus.Video video = videos.get(random.nextInt(videos.size()));
            // A second update of a video before the first was seen replaces it: the first can never be.
            String earlier = markerOfVideo.put(video.id(), marker);
            if (earlier != null && pending.remove(earlier) != null) {
                superseded.incrementAndGet();
            }
            pending.put(marker, new Pending(video.id(), System.nanoTime()));
            events.retitled(video, corpus.retitle(random, marker));
            sent.incrementAndGet();
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        long polls = 0;
        try (PreparedStatement fresh = db.prepareStatement(FRESH)) {
            long deadline = System.nanoTime() + length.plusSeconds(30).toNanos();
            while (System.nanoTime() < deadline && (sent.get() < total || !pending.isEmpty())) {
                Thread.sleep(POLL_INTERVAL_MILLIS);
                List<Map.Entry<String, Pending>> waiting = new ArrayList<>(pending.entrySet());
                if (waiting.isEmpty()) {
                    continue;
                }
                fresh.setArray(1, db.createArrayOf("text", waiting.stream().map(e -> e.getValue().videoId()).toArray()));
                fresh.setArray(2, db.createArrayOf("text", waiting.stream().map(Map.Entry::getKey).toArray()));
                polls++;
                try (ResultSet rows = fresh.executeQuery()) {
                    long seenAt = System.nanoTime();
                    while (rows.next()) {
                        String marker = rows.getString(1);
                        Pending update = pending.remove(marker);
                        if (update != null) {
                            latencies.add(seenAt - update.sentAt());
                            found.add(marker);
                        }
                    }
                }
            }
        } finally {
            sender.shutdownNow();
        }
        int confirmed = confirm(SearchServiceGrpc.newBlockingStub(channel),
                found.subList(Math.max(0, found.size() - CONFIRMED_BY_SEARCH), found.size()), markerOfVideo);
        LoadResult result = new LoadResult("freshness", "", length.toSeconds(),
                latencies.stream().mapToLong(Long::longValue).toArray(), pending.size());
        System.out.printf(Locale.ROOT, "%n# index freshness: %d video.updated/s for %d s%n%n", perSecond, length.toSeconds());
        System.out.println("| updates sent | searchable | superseded before seen | not searchable 30 s after the stream"
                + " | p50 ms | p99 ms | max ms | polls (one SQL query each) | last found, also found by Search |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.0f | %.0f | %.0f | %d | %d of %d |%n", sent.get(),
                latencies.size(), superseded.get(), result.errors(), result.percentileMillis(50),
                result.percentileMillis(99), result.percentileMillis(100), polls, confirmed,
                Math.min(CONFIRMED_BY_SEARCH, found.size()));
    }

    /** How many of these markers a Search finds (those whose video was not retitled again since). */
    private static int confirm(SearchServiceGrpc.SearchServiceBlockingStub search, List<String> markers,
            Map<String, String> markerOfVideo) {
        int confirmed = 0;
        for (String marker : markers) {
            if (!markerOfVideo.containsValue(marker)) {
                confirmed++; // retitled again since: no longer searchable, and not a disagreement
                continue;
            }
            boolean hit = search.search(SearchRequest.newBuilder().setQuery(marker).build()).getResultsList().stream()
                    .anyMatch(r -> r.getTitle().endsWith(" " + marker));
            confirmed += hit ? 1 : 0;
        }
        return confirmed;
    }

    /** Eight random letters: a word no generated text has. */
    static String marker(SplittableRandom random) {
        char[] letters = new char[8];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }
}
