package dev.videoplatform.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.platform.error.DomainException;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CoalescedLoadsTest {

    private static final Duration BOUND = Duration.ofMillis(300);

    private final CoalescedLoads<String> loads = new CoalescedLoads<>("test", BOUND, 100);
    private final AtomicInteger started = new AtomicInteger();

    /** A load whose answer the test gives when it chooses. */
    private Supplier<Uni<Optional<String>>> held(CompletableFuture<Optional<String>> answer) {
        return () -> {
            started.incrementAndGet();
            return Uni.createFrom().completionStage(answer);
        };
    }

    private static final Supplier<Uni<Optional<String>>> NOT_STARTED = () -> {
        throw new IllegalStateException("a second load of the key was started");
    };

    private CompletableFuture<Optional<String>> read(String key, Supplier<Uni<Optional<String>>> load) {
        return loads.get(key, load).subscribeAsCompletionStage();
    }

    @Test
    void readersDuringALoadGetThePreviousAnswerAndOneLoadRuns() throws Exception {
        assertEquals("v1", read("k", () -> Uni.createFrom().item(Optional.of("v1"))).get(1, TimeUnit.SECONDS).orElseThrow());

        CompletableFuture<Optional<String>> database = new CompletableFuture<>();
        CompletableFuture<Optional<String>> starter = read("k", held(database));
        assertFalse(starter.isDone(), "the reader that starts a load waits for it");
        for (int i = 0; i < 5; i++) {
            assertEquals("v1", read("k", NOT_STARTED).get(1, TimeUnit.SECONDS).orElseThrow());
        }
        database.complete(Optional.of("v2"));
        assertEquals("v2", starter.get(1, TimeUnit.SECONDS).orElseThrow());
        assertEquals(1, started.get());
        assertEquals("v2", read("k", () -> Uni.createFrom().item(Optional.of("v2"))).get(1, TimeUnit.SECONDS).orElseThrow(),
                "with no load running, a reader loads again (and sees what changed)");
    }

    @Test
    void aPreviousAnswerOlderThanTheBoundIsNotServed() throws Exception {
        read("k", () -> Uni.createFrom().item(Optional.of("old"))).get(1, TimeUnit.SECONDS);
        Thread.sleep(BOUND.toMillis() + 100);
        CompletableFuture<Optional<String>> database = new CompletableFuture<>();
        CompletableFuture<Optional<String>> starter = read("k", held(database));
        CompletableFuture<Optional<String>> joined = read("k", NOT_STARTED);
        assertFalse(joined.isDone(), "the reader waits for the running load");
        database.complete(Optional.of("new"));
        assertEquals("new", starter.get(1, TimeUnit.SECONDS).orElseThrow());
        assertEquals("new", joined.get(1, TimeUnit.SECONDS).orElseThrow());
    }

    @Test
    void aLoadStartedAheadOfTheReadersIsWaitedForNotBypassed() throws Exception {
        read("k", () -> Uni.createFrom().item(Optional.of("before the change"))).get(1, TimeUnit.SECONDS);
        CompletableFuture<Optional<String>> database = new CompletableFuture<>();
        loads.refresh("k", held(database));
        loads.refresh("k", NOT_STARTED);
        CompletableFuture<Optional<String>> reader = read("k", NOT_STARTED);
        assertFalse(reader.isDone(), "a reader does not get the answer from before the change that started the load");
        database.complete(Optional.of("after the change"));
        assertEquals("after the change", reader.get(1, TimeUnit.SECONDS).orElseThrow());
        assertEquals(1, started.get(), "one load, however many asked for it");
    }

    @Test
    void anEmptyOrFailedLoadLeavesNothingToServe() throws Exception {
        read("k", () -> Uni.createFrom().item(Optional.of("v1"))).get(1, TimeUnit.SECONDS);
        assertTrue(read("k", () -> Uni.createFrom().item(Optional.<String>empty())).get(1, TimeUnit.SECONDS).isEmpty());
        CompletableFuture<Optional<String>> database = new CompletableFuture<>();
        CompletableFuture<Optional<String>> starter = read("k", held(database));
        CompletableFuture<Optional<String>> joined = read("k", NOT_STARTED);
        assertFalse(joined.isDone(), "after an empty answer there is no previous one to give");
        database.completeExceptionally(new IllegalStateException("database down"));
        assertTrue(failed(starter), "the reader that started the load gets its failure");
        assertTrue(failed(joined), "and so does the one that waited for it");
        assertEquals("v3", read("k", () -> Uni.createFrom().item(Optional.of("v3"))).get(1, TimeUnit.SECONDS).orElseThrow(),
                "a failed load does not stay running");
    }

    @Test
    void aLoadThatNeverAnswersDoesNotHoldItsKey() throws Exception {
        CoalescedLoads<String> timed = new CoalescedLoads<>("test", BOUND, 100, Duration.ofMillis(200));
        CompletableFuture<Optional<String>> hung = timed.get("k", held(new CompletableFuture<>())).subscribeAsCompletionStage();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> hung.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof DomainException e && e.code() == Status.Code.UNAVAILABLE,
                "the reader is told to come back (UNAVAILABLE): " + failure);
        assertEquals("v1", timed.get("k", () -> Uni.createFrom().item(Optional.of("v1"))).await().atMost(Duration.ofSeconds(1))
                .orElseThrow(), "the next reader loads again");
    }

    private static boolean failed(CompletableFuture<Optional<String>> read) throws Exception {
        try {
            read.get(1, TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof IllegalStateException;
        }
    }
}
