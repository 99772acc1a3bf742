package dev.videoplatform.search.cache;

import com.google.protobuf.Message;
import dev.videoplatform.platform.cache.ChangeFeed;
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
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Answers to repeated queries, shared by the replicas through Redis and kept in each replica's
 * memory: Search first pages and Autocomplete, keyed by the {@link IndexGeneration} and the
 * request's bytes. A change to the listed videos retires them all (a new generation); view
 * counts re-rank cached answers only when they expire ({@code videoplatform.search.cache.ttl}).
 */
@ApplicationScoped
public class HotQueries {

    private final IndexGeneration generation;
    private final boolean enabled;
    private final ProtoCache<SearchResponse> searches;
    private final ProtoCache<AutocompleteResponse> completions;

    public HotQueries(ReactiveRedisDataSource redis, ChangeFeed feed, IndexGeneration generation, SearchConfig config) {
        this.generation = generation;
        SearchConfig.Cache cache = config.cache();
        this.enabled = cache.enabled();
        this.searches = new ProtoCache<>(redis, feed, cache.ttl(), cache.nearMaxEntries(), "search:results:", cache.ttl(),
                SearchResponse.parser());
        this.completions = new ProtoCache<>(redis, feed, cache.ttl(), cache.nearMaxEntries(), "search:completions:",
                cache.ttl(), AutocompleteResponse.parser());
    }

    /** A first page of results (later pages are not worth keeping: few read them twice). */
    public Uni<SearchResponse> firstPage(SearchRequest request, Supplier<Uni<SearchResponse>> compute) {
        return answer(searches, request, compute);
    }

    public Uni<AutocompleteResponse> complete(AutocompleteRequest request, Supplier<Uni<AutocompleteResponse>> compute) {
        return answer(completions, request, compute);
    }

    private <M extends Message> Uni<M> answer(ProtoCache<M> cache, Message request, Supplier<Uni<M>> compute) {
        // The generation is read before the database: an answer read before a change cannot be
        // stored under the generation that follows the change.
        OptionalLong now = enabled ? generation.current() : OptionalLong.empty();
        if (now.isEmpty()) {
            return compute.get();
        }
        String id = now.getAsLong() + ":" + digest(request);
        return cache.getOrLoad(List.of(id), missing -> compute.get().map(answer -> Map.of(id, answer)))
                .map(found -> found.get(id));
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
