package dev.videoplatform.bench;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.videoplatform.search.v1.SearchRequest;
import dev.videoplatform.search.v1.SearchResponse;
import dev.videoplatform.search.v1.SearchResult;
import dev.videoplatform.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Index freshness under a stream of updates: {@code video.updated} events at a fixed rate, each
 * giving a random video a new title that ends in a marker word of its own, and a poller that
 * searches the pending markers ({@code m1 or m2 or … or anchor}, 14 per query, every 25 ms) until
 * Search returns each of them. The anchor is a word three videos got before the stream: a poll
 * always finds at least those three, so it never counts as thin and never pays for the "did you
 * mean" look-up of its unknown markers (which, at this polling rate, would starve the consumers). An update's freshness is the time from its send to the arrival of the first answer that
 * held it (an upper bound: the poll that found it may have started after it became searchable).
 */
final class IndexFreshness {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final int MARKERS_PER_QUERY = 14; // 14 markers of 8 letters, the or-s and the anchor: within the 200 characters of a query
    /** Between polls: bounds the poller's load on the service (and the resolution of the result). */
    private static final long POLL_INTERVAL_MILLIS = 25;
    private static final String ANCHOR = "freshnessanchor";

    private IndexFreshness() {
    }

    static void measure(CatalogEvents events, SearchCorpus corpus, List<SearchCorpus.Video> videos, ManagedChannel channel,
            int perSecond, Duration length) throws InterruptedException {
        var search = SearchServiceGrpc.newFutureStub(channel);
        anchor(events, corpus, videos, SearchServiceGrpc.newBlockingStub(channel));
        Map<String, Long> pending = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        int total = (int) (perSecond * length.toSeconds());
        AtomicInteger sent = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(99);
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        sender.scheduleAtFixedRate(() -> {
            int n = sent.get();
            if (n >= total) {
                return;
            }
            String marker = marker(random);
            SearchCorpus.Video video = videos.get(3 + random.nextInt(videos.size() - 3)); // not an anchor video
            String title = corpus.retitle(random, marker);
            pending.put(marker, System.nanoTime());
            events.retitled(video, title);
            sent.incrementAndGet();
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        long polls = 0;
        try {
            long deadline = System.nanoTime() + length.plusSeconds(30).toNanos();
            while (System.nanoTime() < deadline && (sent.get() < total || !pending.isEmpty())) {
                List<String> markers = new ArrayList<>(pending.keySet());
                if (markers.isEmpty()) {
                    Thread.sleep(1);
                    continue;
                }
                Thread.sleep(POLL_INTERVAL_MILLIS);
                List<ListenableFuture<Answer>> answers = new ArrayList<>();
                for (int from = 0; from < markers.size(); from += MARKERS_PER_QUERY) {
                    String query = String.join(" or ", markers.subList(from, Math.min(markers.size(), from + MARKERS_PER_QUERY)))
                            + " or " + ANCHOR;
                    answers.add(Futures.transform(search.search(SearchRequest.newBuilder().setQuery(query).setPageSize(50).build()),
                            response -> new Answer(response, System.nanoTime()), MoreExecutors.directExecutor()));
                    polls++;
                }
                for (ListenableFuture<Answer> pendingAnswer : answers) {
                    Answer answer;
                    try {
                        answer = pendingAnswer.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("freshness poll failed: " + e.getCause(), e.getCause());
                    }
                    for (SearchResult result : answer.response().getResultsList()) {
                        Matcher m = WORD.matcher(result.getTitle());
                        while (m.find()) {
                            Long sentAt = pending.remove(m.group());
                            if (sentAt != null) {
                                latencies.add(answer.arrivedAt() - sentAt);
                            }
                        }
                    }
                }
            }
        } finally {
            sender.shutdownNow(); // also when a poll fails: its thread would keep the JVM alive
        }
        LoadResult found = new LoadResult("freshness", "", length.toSeconds(),
                latencies.stream().mapToLong(Long::longValue).toArray(), pending.size());
        System.out.printf(Locale.ROOT, "%n# index freshness: %d video.updated/s for %d s%n%n", perSecond, length.toSeconds());
        System.out.println("| updates sent | searchable | not searchable 30 s after the stream | p50 ms | p99 ms | max ms | polls (Search calls) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.0f | %.0f | %.0f | %d |%n", sent.get(), found.latenciesNanos().length,
                found.errors(), found.percentileMillis(50), found.percentileMillis(99), found.percentileMillis(100), polls);
    }

    /** Gives three videos the anchor word and waits until Search finds them. */
    private static void anchor(CatalogEvents events, SearchCorpus corpus, List<SearchCorpus.Video> videos,
            SearchServiceGrpc.SearchServiceBlockingStub search) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 3; i++) {
            events.retitled(videos.get(i), corpus.retitle(random, ANCHOR));
        }
        events.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (search.search(SearchRequest.newBuilder().setQuery(ANCHOR).build()).getResultsCount() < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the anchor videos were not searchable within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private record Answer(SearchResponse response, long arrivedAt) {
    }

    /** Eight random letters: a word no generated text has. */
    private static String marker(SplittableRandom random) {
        char[] letters = new char[8];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }
}
