package dev.videoplatform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Open-loop load: calls due at a fixed rate, whatever pace the answers come at, made by a pool of
 * threads with blocking calls. Equal load for two servers means the same calls per second, which
 * a closed loop cannot give: there the faster server is sent more. A call is timed from when it
 * was due if every thread was still busy then (the wait is queueing the server caused), else
 * from when its idle thread woke, so the client's timer slack is not counted as the server's.
 * Bounded in time and in samples.
 */
final class FixedRateLoad {

    private static final long LATE_NANOS = 1_000_000;

    private FixedRateLoad() {
    }

    /**
     * {@code perSecond} calls per second to each of {@code names.size()} sides, interleaved: due
     * call k goes to side k % sides, made with the calling thread's own {@code perThread} call for
     * that side. The sides share one measured window and whatever the machine is doing meanwhile,
     * so a shared CPU's drift between runs does not land on one side only.
     */
    static Interleaved runInterleaved(List<String> names, int perSecond, int threads, Duration warmup,
            Duration measured, IntFunction<List<ClosedLoopLoad.BlockingCall>> perThread) throws InterruptedException {
        int sides = names.size();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        double interval = 1e9 / ((double) perSecond * sides);
        AtomicLong nextSlot = new AtomicLong();
        AtomicLong lateStarts = new AtomicLong();
        List<LatencySamples> samples = names.stream().map(name -> new LatencySamples()).toList();
        Thread[] pool = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            List<ClosedLoopLoad.BlockingCall> calls = perThread.apply(t);
            pool[t] = new Thread(() -> {
                while (true) {
                    long slot = nextSlot.getAndIncrement();
                    long due = start + (long) (slot * interval);
                    if (due >= stopAt) {
                        return;
                    }
                    long sent = System.nanoTime();
                    if (sent < due) {
                        LockSupport.parkNanos(due - sent);
                        sent = System.nanoTime();
                    } else {
                        if (sent - due > LATE_NANOS && due >= measureFrom) {
                            lateStarts.incrementAndGet();
                        }
                        sent = due;
                    }
                    int side = (int) (slot % sides);
                    boolean ok = calls.get(side).succeeds();
                    long now = System.nanoTime();
                    if (due >= measureFrom) {
                        samples.get(side).record(ok, now - sent);
                    }
                }
            }, "rate-" + t);
            pool[t].start();
        }
        for (Thread thread : pool) {
            thread.join();
        }
        List<LoadResult> results = new ArrayList<>();
        for (int side = 0; side < sides; side++) {
            results.add(samples.get(side).result(names.get(side), perSecond + "/s", measured.toNanos() / 1e9));
        }
        return new Interleaved(results, lateStarts.get());
    }

    /**
     * The sides' results, and how many measured calls started over a millisecond after they were
     * due because every thread was busy: when that is more than a few, the client fell behind the
     * rate and both sides' latencies are mostly the same queue.
     */
    record Interleaved(List<LoadResult> sides, long lateStarts) {
    }
}
