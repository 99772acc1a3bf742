package dev.videoplatform.search.service;

import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.search.cache.HotQueries;
import dev.videoplatform.search.repository.SuggestionQueries;
import dev.videoplatform.search.v1.AutocompleteRequest;
import dev.videoplatform.search.v1.AutocompleteResponse;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Autocomplete: validates the request and asks the suggestion index (through the hot-query cache). */
@ApplicationScoped
public class Autocompletion {

    static final int DEFAULT_SUGGESTIONS = 5;
    static final int MAX_SUGGESTIONS = 10;

    private final SuggestionQueries suggestions;
    private final HotQueries hotQueries;

    public Autocompletion(SuggestionQueries suggestions, HotQueries hotQueries) {
        this.suggestions = suggestions;
        this.hotQueries = hotQueries;
    }

    @WithSpan
    public Uni<AutocompleteResponse> complete(AutocompleteRequest request) {
        String prefix = request.getPrefix().strip();
        new Violations().length(prefix, "prefix", 1, 100)
                .check(request.getMaxSuggestions() < 0, "max_suggestions", "must not be negative")
                .throwIfAny();
        int limit = request.getMaxSuggestions() == 0 ? DEFAULT_SUGGESTIONS
                : Math.min(request.getMaxSuggestions(), MAX_SUGGESTIONS);
        AutocompleteRequest normalized = AutocompleteRequest.newBuilder().setPrefix(prefix).setMaxSuggestions(limit).build();
        return hotQueries.complete(normalized, () -> suggestions.complete(prefix, limit)
                .map(found -> AutocompleteResponse.newBuilder().addAllSuggestions(found).build()));
    }
}
