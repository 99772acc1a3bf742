package dev.videoplatform.search.cache;

import com.google.protobuf.Message;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
 * {@code stale-while-reloading}).
 */
@ApplicationScoped
public class HotQueries {

    private final IndexGeneration generation;
    private final boolean enabled;
    private final ProtoCache<SearchResponse> searches;
    private final ProtoCache<AutocompleteResponse> completions;
    private final CoalescedLoads<SearchResponse> searchLoads;
    private final CoalescedLoads<AutocompleteResponse> completionLoads;

    public HotQueries(ReactiveRedisDataSource redis, ChangeFeed feed, IndexGeneration generation, SearchConfig config) {
        this.generation = generation;
        SearchConfig.Cache cache = config.cache();
        this.enabled = cache.enabled();
        this.searches = new ProtoCache<>(redis, feed, cache.ttl(), cache.nearMaxEntries(), "search:results:", cache.ttl(),
                SearchResponse.parser());
        this.completions = new ProtoCache<>(redis, feed, cache.ttl(), cache.nearMaxEntries(), "search:completions:",
                cache.ttl(), AutocompleteResponse.parser());
        this.searchLoads = new CoalescedLoads<>("search:results", cache.staleWhileReloading(), cache.nearMaxEntries());
        this.completionLoads = new CoalescedLoads<>("search:completions", cache.staleWhileReloading(),
                cache.nearMaxEntries());
    }

    /** A first page of results (later pages are not worth keeping: few read them twice). */
    public Uni<SearchResponse> firstPage(SearchRequest request, Supplier<Uni<SearchResponse>> compute) {
        return answer(searches, searchLoads, request, compute);
    }

    public Uni<AutocompleteResponse> complete(AutocompleteRequest request, Supplier<Uni<AutocompleteResponse>> compute) {
        return answer(completions, completionLoads, request, compute);
    }

    /**
     * The answer under the current generation; when it is not cached yet, one load per query at a
     * time on this replica (so a new generation does not send every reader of a hot query to the
     * database at once), the readers meanwhile getting the query's previous answer.
     */
    private <M extends Message> Uni<M> answer(ProtoCache<M> cache, CoalescedLoads<M> loads, Message request,
            Supplier<Uni<M>> compute) {
        // The generation is read before the database: an answer read before a change cannot be
        // stored under the generation that follows the change.
        OptionalLong now = enabled ? generation.current() : OptionalLong.empty();
        if (now.isEmpty()) {
            return compute.get();
        }
        String query = digest(request);
        String id = now.getAsLong() + ":" + query;
        M held = cache.peek(id);
        if (held != null) {
            return Uni.createFrom().item(held);
        }
        return loads.get(query, () -> cache.getOrLoad(List.of(id), missing -> compute.get().map(answer -> Map.of(id, answer)))
                .map(found -> Optional.of(found.get(id)))).map(Optional::orElseThrow);
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
