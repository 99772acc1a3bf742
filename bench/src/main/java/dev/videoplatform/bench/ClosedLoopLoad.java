package dev.videoplatform.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Closed-loop load: {@code concurrency} calls in flight, each completed call immediately
 * replaced, for a warm-up and then a measured period. Bounded in time and in samples.
 */
final class ClosedLoopLoad {

    private ClosedLoopLoad() {
    }

    static LoadResult run(String name, int concurrency, Duration warmup, Duration measured,
            Supplier<ListenableFuture<?>> call) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        LatencySamples samples = new LatencySamples();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            issue(call, samples, measureFrom, stopAt, done);
        }
        done.await();
        return samples.result(name, Integer.toString(concurrency), measured.toNanos() / 1e9);
    }

    /** A blocking call a load thread makes over and over (over a connection of its own). */
    interface BlockingCall {
        void call() throws Exception;

        /** Makes the call; false when it failed (a failure is counted, not thrown). */
        default boolean succeeds() {
            try {
                call();
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }

    /**
     * The same load from {@code concurrency} threads each making blocking calls, for clients
     * that have no asynchronous form; {@code perThread} makes each thread's call.
     */
    static LoadResult runThreads(String name, int concurrency, Duration warmup, Duration measured,
            IntFunction<BlockingCall> perThread) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        LatencySamples samples = new LatencySamples();
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            BlockingCall call = perThread.apply(t);
            threads[t] = new Thread(() -> {
                for (long sent = System.nanoTime(); sent < stopAt; sent = System.nanoTime()) {
                    boolean ok = call.succeeds();
                    long now = System.nanoTime();
                    if (sent >= measureFrom && now <= stopAt) {
                        samples.record(ok, now - sent);
                    }
                }
            }, "load-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return samples.result(name, Integer.toString(concurrency), measured.toNanos() / 1e9);
    }

    private static void issue(Supplier<ListenableFuture<?>> call, LatencySamples samples, long measureFrom, long stopAt,
            CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= stopAt) {
            done.countDown();
            return;
        }
        Futures.addCallback(call.get(), new FutureCallback<Object>() {
            @Override
            public void onSuccess(Object result) {
                record(true);
            }

            @Override
            public void onFailure(Throwable t) {
                record(false);
            }

            private void record(boolean ok) {
                long now = System.nanoTime();
                if (sent >= measureFrom && now <= stopAt) {
                    samples.record(ok, now - sent);
                }
                issue(call, samples, measureFrom, stopAt, done);
            }
        }, MoreExecutors.directExecutor());
    }
}
