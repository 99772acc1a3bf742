package dev.videoplatform.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one measured run and what they add up to; {@code load}: the concurrency or rate it ran at. */
record LoadResult(String name, String load, double seconds, long[] latenciesNanos, long errors) {

    double requestsPerSecond() {
        return latenciesNanos.length / seconds;
    }

    double percentileMillis(double p) {
        if (latenciesNanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Several runs of the same load as one: their samples, errors and measured time added up. */
    static LoadResult merge(java.util.List<LoadResult> runs) {
        long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).toArray();
        return new LoadResult(runs.get(0).name(), runs.get(0).load(), runs.stream().mapToDouble(LoadResult::seconds).sum(), all,
                runs.stream().mapToLong(LoadResult::errors).sum());
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %.2f | %d |", name, load,
                requestsPerSecond(), percentileMillis(50), percentileMillis(99), percentileMillis(100), errors);
    }

    static String header() {
        return "| call | concurrency | req/s | p50 ms | p99 ms | max ms | errors |\n| --- | --- | --- | --- | --- | --- | --- |";
    }
}
