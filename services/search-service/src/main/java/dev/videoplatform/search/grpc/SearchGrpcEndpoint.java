package dev.videoplatform.search.grpc;

import dev.videoplatform.search.service.Autocompletion;
import dev.videoplatform.search.service.VideoSearch;
import dev.videoplatform.search.v1.AutocompleteRequest;
import dev.videoplatform.search.v1.AutocompleteResponse;
import dev.videoplatform.search.v1.SearchRequest;
import dev.videoplatform.search.v1.SearchResponse;
import dev.videoplatform.search.v1.SearchService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** gRPC face of search-service: delegates, no logic here. */
@GrpcService
public class SearchGrpcEndpoint implements SearchService {

    private final VideoSearch search;
    private final Autocompletion autocompletion;

    public SearchGrpcEndpoint(VideoSearch search, Autocompletion autocompletion) {
        this.search = search;
        this.autocompletion = autocompletion;
    }

    @Override
    public Uni<SearchResponse> search(SearchRequest request) {
        return search.search(request);
    }

    @Override
    public Uni<AutocompleteResponse> autocomplete(AutocompleteRequest request) {
        return autocompletion.complete(request);
    }
}
