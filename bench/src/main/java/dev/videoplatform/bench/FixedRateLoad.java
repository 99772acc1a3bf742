package dev.videoplatform.bench;

import java.time.Duration;
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

    private FixedRateLoad() {
    }

    static LoadResult runThreads(String name, int perSecond, int threads, Duration warmup, Duration measured,
            IntFunction<ClosedLoopLoad.BlockingCall> perThread) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        double interval = 1e9 / perSecond;
        AtomicLong nextSlot = new AtomicLong();
        LatencySamples samples = new LatencySamples();
        Thread[] pool = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ClosedLoopLoad.BlockingCall call = perThread.apply(t);
            pool[t] = new Thread(() -> {
                while (true) {
                    long due = start + (long) (nextSlot.getAndIncrement() * interval);
                    if (due >= stopAt) {
                        return;
                    }
                    long sent = System.nanoTime();
                    if (sent < due) {
                        LockSupport.parkNanos(due - sent);
                        sent = System.nanoTime();
                    } else {
                        sent = due;
                    }
                    boolean ok = call.succeeds();
                    long now = System.nanoTime();
                    if (due >= measureFrom) {
                        samples.record(ok, now - sent);
                    }
                }
            }, "rate-" + t);
            pool[t].start();
        }
        for (Thread thread : pool) {
            thread.join();
        }
        return samples.result(name, perSecond + "/s", measured.toNanos() / 1e9);
    }
}
