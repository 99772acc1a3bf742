package dev.videoplatform.bench;

import com.google.common.util.concurrent.ListenableFuture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A service call against its database floor: the SQL the service runs for each request of a mix
 * is captured ({@link StatementCapture}), and each round measures the call over gRPC and pgbench
 * replaying the same statements with the same parameters, one right after the other (which goes
 * first flips every round); the paired ratio of each round is what is judged.
 */
final class PairedRounds {

    /** A call's requests and pgbench holding the statements the service ran for them. */
    record Mix<T>(String call, List<T> requests, Pgbench pgbench) {
    }

    /** One round of one call at one concurrency. */
    record Row(String call, int concurrency, LoadResult grpc, LoadResult pgbench) {
        double ratio() {
            return grpc.requestsPerSecond() / pgbench.requestsPerSecond();
        }
    }

    private PairedRounds() {
    }

    /** Makes each request once, one at a time, with the capture on; pgbench scripts of what the service ran. */
    static <T> Mix<T> captured(String callName, StatementCapture capture, Path work, String name, List<String> pgConnection,
            List<T> requests, Function<T, ?> call) throws Exception {
        capture.start();
        for (T request : requests) {
            call.apply(request);
            capture.mark();
        }
        StatementCapture.Calls calls = capture.finish();
        if (calls.statements().size() != requests.size() || calls.statements().stream().anyMatch(List::isEmpty)) {
            throw new IllegalStateException("captured " + calls.statements().size() + " calls for " + requests.size()
                    + " requests, some perhaps without statements: is the postgres log complete?");
        }
        return new Mix<>(callName, requests, new Pgbench(work, name, pgConnection, calls.namedStatements(), calls.statements()));
    }

    static void header() {
        System.out.println("| round | call | concurrency | gRPC req/s | p50 ms | p99 ms | errors | pgbench req/s | p50 ms | p99 ms | errors | gRPC / pgbench |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    }

    /** The call over gRPC and its statements through pgbench, one after the other (the order flips every round). */
    static <T> Row measure(int round, Mix<T> mix, int concurrency, Duration warmup, Duration length,
            Function<T, ListenableFuture<?>> call) throws Exception {
        LoadResult grpc = null;
        LoadResult pgbench = null;
        for (int side = 0; side < 2; side++) {
            if ((side + round) % 2 == 0) {
                grpc = ClosedLoopLoad.run(mix.call(), concurrency, warmup, length,
                        () -> call.apply(mix.requests().get(ThreadLocalRandom.current().nextInt(mix.requests().size()))));
            } else {
                pgbench = mix.pgbench().run(mix.call(), concurrency, warmup, length);
            }
        }
        Row row = new Row(mix.call(), concurrency, grpc, pgbench);
        System.out.printf(Locale.ROOT, "| %d | %s | %d | %.0f | %.2f | %.2f | %d | %.0f | %.2f | %.2f | %d | %.0f %% |%n", round,
                mix.call(), concurrency, grpc.requestsPerSecond(), grpc.percentileMillis(50), grpc.percentileMillis(99),
                grpc.errors(), pgbench.requestsPerSecond(), pgbench.percentileMillis(50), pgbench.percentileMillis(99),
                pgbench.errors(), 100 * row.ratio());
        return row;
    }

    /** Per call and concurrency: the worst and the median round's ratio, the worst round's p99, all errors. */
    static void summary(List<Row> rows, List<String> calls, int[] concurrencies) {
        System.out.println();
        System.out.println("| call | concurrency | gRPC / pgbench, worst round | median round | gRPC p99 ms, worst round | errors |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String call : calls) {
            for (int concurrency : concurrencies) {
                List<Row> mine = rows.stream().filter(r -> r.call().equals(call) && r.concurrency() == concurrency)
                        .sorted(Comparator.comparingDouble(Row::ratio)).toList();
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f %% | %.0f %% | %.2f | %d |%n", call, concurrency,
                        100 * mine.get(0).ratio(), 100 * mine.get(mine.size() / 2).ratio(),
                        mine.stream().mapToDouble(r -> r.grpc().percentileMillis(99)).max().orElse(0),
                        mine.stream().mapToLong(r -> r.grpc().errors() + r.pgbench().errors()).sum());
            }
        }
    }
}
