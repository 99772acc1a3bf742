package dev.videoplatform.search.service;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.paging.PageTokens;
import dev.videoplatform.search.cache.HotQueries;
import dev.videoplatform.search.config.SearchConfig;
import dev.videoplatform.search.repository.Matches;
import dev.videoplatform.search.repository.SearchCriteria;
import dev.videoplatform.search.repository.SearchCriteria.Cursor;
import dev.videoplatform.search.repository.SearchCriteria.Order;
import dev.videoplatform.search.repository.SearchHit;
import dev.videoplatform.search.repository.SuggestionQueries;
import dev.videoplatform.search.repository.VideoSearchQueries;
import dev.videoplatform.search.v1.SearchOrder;
import dev.videoplatform.search.v1.SearchRequest;
import dev.videoplatform.search.v1.SearchResponse;
import dev.videoplatform.search.v1.SearchResult;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search: validates the request, runs the full-text query and, when it finds too little, the
 * query with its unknown words corrected by trigram similarity ("did you mean"). The first page
 * fixes what later pages need to stay consistent (the query actually run, the freshness reference
 * time, the match count) in the signed page token.
 */
@ApplicationScoped
public class VideoSearch {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 50;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** Words of websearch syntax, and words too short for trigrams to say anything about. */
    private static final int MIN_CORRECTED_LENGTH = 3;

    private final VideoSearchQueries queries;
    private final SuggestionQueries suggestions;
    private final PageTokens pageTokens;
    private final SearchConfig config;
    private final HotQueries hotQueries;

    public VideoSearch(VideoSearchQueries queries, SuggestionQueries suggestions, PageTokens pageTokens,
            SearchConfig config, HotQueries hotQueries) {
        this.queries = queries;
        this.suggestions = suggestions;
        this.pageTokens = pageTokens;
        this.config = config;
        this.hotQueries = hotQueries;
    }

    @WithSpan
    public Uni<SearchResponse> search(SearchRequest request) {
        String query = request.getQuery().strip();
        Violations violations = new Violations().length(query, "query", 1, 200)
                .check(request.getOrder() == SearchOrder.UNRECOGNIZED, "order", "is not a known order")
                .check(request.getPageSize() < 0, "page_size", "must not be negative");
        Bounds bounds = Bounds.of(request.getFilter(), violations);
        violations.throwIfAny();
        int pageSize = PageTokens.pageSize(request.getPageSize(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, "page_size");
        Order order = switch (request.getOrder()) {
            case SEARCH_ORDER_DATE -> Order.DATE;
            case SEARCH_ORDER_VIEWS -> Order.VIEWS;
            default -> Order.RELEVANCE;
        };
        String scope = scope(request);
        if (!request.getPageToken().isEmpty()) {
            PageState state = PageState.decode(pageTokens.decode(scope, request.getPageToken(), "page_token"));
            return page(scope, bounds.criteria(state.query(), request.getFilter(), order, state.now(), pageSize,
                    state.after()), state.matches(), state.suggestedQuery());
        }
        return hotQueries.firstPage(request, () -> firstPage(query, request, bounds, order, pageSize, scope));
    }

    private Uni<SearchResponse> firstPage(String query, SearchRequest request, Bounds bounds, Order order, int pageSize,
            String scope) {
        Instant now = Instant.now();
        SearchCriteria asTyped = bounds.criteria(query, request.getFilter(), order, now, pageSize, null);
        return queries.countMatches(asTyped).flatMap(matches -> {
            if (matches.total() >= config.thinResults()) {
                return page(scope, asTyped, matches, "");
            }
            return corrected(query).flatMap(suggested -> {
                if (suggested.isEmpty()) {
                    return page(scope, asTyped, matches, "");
                }
                SearchCriteria fixed = bounds.criteria(suggested, request.getFilter(), order, now, pageSize, null);
                return queries.countMatches(fixed).flatMap(fixedMatches -> fixedMatches.total() > matches.total()
                        ? page(scope, fixed, fixedMatches, suggested)
                        : page(scope, asTyped, matches, suggested));
            });
        });
    }

    private Uni<SearchResponse> page(String scope, SearchCriteria criteria, Matches matches, String suggestedQuery) {
        SearchCriteria probe = withLimit(criteria, criteria.limit() + 1);
        return queries.page(probe, matches.common()).map(hits -> {
            SearchResponse.Builder response = SearchResponse.newBuilder().setTotalSize(matches.total())
                    .setSuggestedQuery(suggestedQuery);
            hits.stream().limit(criteria.limit()).forEach(hit -> response.addResults(result(hit)));
            if (hits.size() > criteria.limit()) {
                SearchHit last = hits.get(criteria.limit() - 1);
                Cursor after = new Cursor(VideoSearchQueries.key(last, criteria.order()), last.videoId());
                response.setNextPageToken(pageTokens.encode(scope,
                        new PageState(criteria.query(), criteria.now(), matches, suggestedQuery, after).encode()));
            }
            return response.build();
        });
    }

    /** The query with each unknown word replaced by its closest indexed word; empty when nothing changes. */
    private Uni<String> corrected(String query) {
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(query);
        while (m.find()) {
            if (m.end() - m.start() >= MIN_CORRECTED_LENGTH) {
                spans.add(new int[] {m.start(), m.end()});
                words.add(m.group());
            }
        }
        if (words.isEmpty()) {
            return Uni.createFrom().item("");
        }
        return suggestions.corrections(words, config.correctionSimilarity()).map(found -> rewrite(query, spans, found));
    }

    private static String rewrite(String query, List<int[]> spans, Map<Integer, String> replacements) {
        if (replacements.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(query);
        for (int i = spans.size() - 1; i >= 0; i--) {
            String replacement = replacements.get(i);
            if (replacement != null) {
                out.replace(spans.get(i)[0], spans.get(i)[1], replacement);
            }
        }
        return out.toString();
    }

    /** A token is valid only for the same query, filter and order (page size may change). */
    private static String scope(SearchRequest request) {
        byte[] fields = request.toBuilder().clearPageToken().clearPageSize().build().toByteArray();
        return "search:" + Base64.getEncoder().encodeToString(fields);
    }

    private static SearchCriteria withLimit(SearchCriteria c, int limit) {
        return new SearchCriteria(c.query(), c.minDurationMillis(), c.maxDurationMillis(), c.publishedAfter(),
                c.publishedBefore(), c.channelId(), c.order(), c.now(), limit, c.after());
    }

    private static SearchResult result(SearchHit hit) {
        return SearchResult.newBuilder().setVideoId(hit.videoId()).setChannelId(hit.channelId()).setTitle(hit.title())
                .setSnippet(hit.snippet()).addAllTags(hit.tags())
                .setDuration(Duration.newBuilder().setSeconds(hit.durationMillis() / 1000)
                        .setNanos((int) (hit.durationMillis() % 1000) * 1_000_000))
                .setPublishTime(Timestamp.newBuilder().setSeconds(hit.publishedAt().getEpochSecond())
                        .setNanos(hit.publishedAt().getNano()))
                .setViewCount(hit.viewCount()).setPosterUrl(hit.posterUrl()).setScore(hit.score()).build();
    }
}
