package dev.videoplatform.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Closed-loop load: {@code concurrency} calls in flight, each completed call immediately
 * replaced, for a warm-up and then a measured period. Bounded in time and in samples.
 */
final class ClosedLoopLoad {

    private static final int MAX_SAMPLES = 20_000_000;

    private ClosedLoopLoad() {
    }

    static LoadResult run(String name, int concurrency, Duration warmup, Duration measured,
            Supplier<ListenableFuture<?>> call) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        long[] samples = new long[MAX_SAMPLES];
        AtomicInteger count = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            issue(call, samples, count, errors, measureFrom, stopAt, done);
        }
        done.await();
        int n = Math.min(count.get(), MAX_SAMPLES);
        long[] latencies = java.util.Arrays.copyOf(samples, n);
        return new LoadResult(name, concurrency, measured.toNanos() / 1e9, latencies, errors.get());
    }

    /** A blocking call a load thread makes over and over (over a connection of its own). */
    interface BlockingCall {
        void call() throws Exception;
    }

    /**
     * The same load from {@code concurrency} threads each making blocking calls, for clients
     * that have no asynchronous form; {@code perThread} makes each thread's call.
     */
    static LoadResult runThreads(String name, int concurrency, Duration warmup, Duration measured,
            IntFunction<BlockingCall> perThread) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        long[] samples = new long[MAX_SAMPLES];
        AtomicInteger count = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            BlockingCall call = perThread.apply(t);
            threads[t] = new Thread(() -> {
                for (long sent = System.nanoTime(); sent < stopAt; sent = System.nanoTime()) {
                    boolean ok;
                    try {
                        call.call();
                        ok = true;
                    } catch (Exception e) {
                        ok = false;
                    }
                    long now = System.nanoTime();
                    if (sent >= measureFrom && now <= stopAt) {
                        if (!ok) {
                            errors.incrementAndGet();
                        } else {
                            int i = count.getAndIncrement();
                            if (i < samples.length) {
                                samples[i] = now - sent;
                            }
                        }
                    }
                }
            }, "load-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int n = Math.min(count.get(), MAX_SAMPLES);
        return new LoadResult(name, concurrency, measured.toNanos() / 1e9, java.util.Arrays.copyOf(samples, n), errors.get());
    }

    private static void issue(Supplier<ListenableFuture<?>> call, long[] samples, AtomicInteger count,
            AtomicLong errors, long measureFrom, long stopAt, CountDownLatch done) {
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
                    if (ok) {
                        int i = count.getAndIncrement();
                        if (i < samples.length) {
                            samples[i] = now - sent;
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                }
                issue(call, samples, count, errors, measureFrom, stopAt, done);
            }
        }, MoreExecutors.directExecutor());
    }
}
