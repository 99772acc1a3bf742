package dev.videoplatform.search.cache;

import com.google.protobuf.Message;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.CoalescedLoads;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.search.config.SearchConfig;
import dev.videoplatform.search.v1.AutocompleteRequest;
import dev.videoplatform.search.v1.AutocompleteResponse;
import dev.videoplatform.search.v1.SearchRequest;
import dev.videoplatform.search.v1.SearchResponse;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Answers to repeated queries, shared by the replicas through Redis and kept in each replica's
 * memory: Search first pages and Autocomplete, keyed by the {@link IndexGeneration} and the
 * request's bytes. A change to the listed videos retires them all (a new generation); view
 * counts re-rank cached answers only when they expire ({@code videoplatform.search.cache.ttl}).
 * Under a stream of changes a hot query is loaded again once per replica and generation, its
 * other readers meanwhile getting its previous answer ({@link CoalescedLoads},
 * {@code stale-while-reloading}); the Autocomplete answers asked for lately are loaded again as
 * soon as a new generation is known, ahead of their readers.
 */
@ApplicationScoped
public class HotQueries {

    /** How long an Autocomplete answer nobody asks for again stays loaded ahead across generations. */
    private static final Duration HOT_FOR = Duration.ofSeconds(5);

    /** One kind of answer: its cache, its coalesced loads, and the queries kept loaded ahead (null: none). */
    private record Answers<M extends Message>(ProtoCache<M> cache, CoalescedLoads<M> loads,
            Cache<String, Supplier<Uni<M>>> hot) {
    }

    private final IndexGeneration generation;
    private final boolean enabled;
    private final Answers<SearchResponse> searches;
    private final Answers<AutocompleteResponse> completions;

    public HotQueries(ReactiveRedisDataSource redis, ChangeFeed feed, IndexGeneration generation, SearchConfig config) {
        this.generation = generation;
        SearchConfig.Cache cache = config.cache();
        this.enabled = cache.enabled();
        this.searches = new Answers<>(new ProtoCache<>(redis, feed, cache.ttl(), cache.nearMaxEntries(), "search:results:",
                cache.ttl(), SearchResponse.parser()),
                new CoalescedLoads<>("search:results", cache.staleWhileReloading(), cache.nearMaxEntries()), null);
        this.completions = new Answers<>(new ProtoCache<>(redis, feed, cache.ttl(), cache.nearMaxEntries(),
                "search:completions:", cache.ttl(), AutocompleteResponse.parser()),
                new CoalescedLoads<>("search:completions", cache.staleWhileReloading(), cache.nearMaxEntries()),
                cache.completionsLoadedAhead() > 0
                        ? Caffeine.newBuilder().maximumSize(cache.completionsLoadedAhead()).expireAfterWrite(HOT_FOR)
                                .<String, Supplier<Uni<AutocompleteResponse>>>build()
                        : null);
        if (completions.hot() != null) {
            generation.onRaise(this::loadHotCompletionsAhead);
        }
    }

    /** A first page of results (later pages are not worth keeping: few read them twice). */
    public Uni<SearchResponse> firstPage(SearchRequest request, Supplier<Uni<SearchResponse>> compute) {
        return answer(searches, request, compute);
    }

    public Uni<AutocompleteResponse> complete(AutocompleteRequest request, Supplier<Uni<AutocompleteResponse>> compute) {
        return answer(completions, request, compute);
    }

    /**
     * The answer under the current generation; when it is not cached yet, one load per query at a
     * time on this replica (so a new generation does not send every reader of a hot query to the
     * database at once), the readers meanwhile getting the query's previous answer.
     */
    private <M extends Message> Uni<M> answer(Answers<M> answers, Message request, Supplier<Uni<M>> compute) {
        // The generation is read before the database: an answer read before a change cannot be
        // stored under the generation that follows the change.
        OptionalLong now = enabled ? generation.current() : OptionalLong.empty();
        if (now.isEmpty()) {
            return compute.get();
        }
        String query = digest(request);
        if (answers.hot() != null) {
            answers.hot().put(query, compute);
        }
        return answers.cache().getCoalesced(now.getAsLong() + ":" + query, query, answers.loads(),
                () -> compute.get().map(Optional::of)).map(Optional::orElseThrow);
    }

    /**
     * A new generation retired every answer: the Autocomplete answers asked for in the last
     * {@link #HOT_FOR} are loaded again now, before their next reader comes (a keystroke's answer
     * should not wait for the database because someone else's video changed). Search pages are
     * not: each costs far more, and they are loaded when asked.
     */
    private void loadHotCompletionsAhead(long now) {
        completions.hot().asMap().forEach((query, compute) -> completions.loads().refresh(query,
                () -> completions.cache().loadOne(now + ":" + query, () -> compute.get().map(Optional::of))));
    }

    private static String digest(Message request) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(request.toByteArray());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
