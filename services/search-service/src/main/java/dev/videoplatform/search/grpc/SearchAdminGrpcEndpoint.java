package dev.videoplatform.search.grpc;

import dev.videoplatform.search.service.IndexRebuild;
import dev.videoplatform.search.v1.RebuildIndexRequest;
import dev.videoplatform.search.v1.RebuildIndexResponse;
import dev.videoplatform.search.v1.SearchAdmin;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** gRPC face of the read model's maintenance (internal: service tokens only, never through the gateway). */
@GrpcService
public class SearchAdminGrpcEndpoint implements SearchAdmin {

    private final IndexRebuild rebuild;

    public SearchAdminGrpcEndpoint(IndexRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public Uni<RebuildIndexResponse> rebuildIndex(RebuildIndexRequest request) {
        return rebuild.rebuild();
    }
}
