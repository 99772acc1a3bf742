package dev.videoplatform.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import dev.videoplatform.search.v1.AutocompleteRequest;
import dev.videoplatform.search.v1.AutocompleteResponse;
import dev.videoplatform.search.v1.SearchRequest;
import dev.videoplatform.search.v1.SearchResponse;
import dev.videoplatform.search.v1.SearchResult;
import dev.videoplatform.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/** An anonymous gRPC client of the service under test, with the waits and checks the tests share. */
final class SearchClient implements AutoCloseable {

    private final ManagedChannel channel;
    final SearchServiceGrpc.SearchServiceBlockingStub stub;

    SearchClient() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = SearchServiceGrpc.newBlockingStub(channel);
    }

    SearchResponse search(String query) {
        return stub.search(SearchRequest.newBuilder().setQuery(query).build());
    }

    static List<String> ids(SearchResponse response) {
        return response.getResultsList().stream().map(SearchResult::getVideoId).toList();
    }

    /** Searches until the answer satisfies {@code done}; fails with the last answer after {@code timeoutMillis}. */
    SearchResponse awaitSearch(SearchRequest request, Predicate<SearchResponse> done, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        SearchResponse last;
        do {
            last = stub.search(request);
            if (done.test(last)) {
                return last;
            }
            sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within " + timeoutMillis + " ms; last answer: " + ids(last));
    }

    AutocompleteResponse complete(AutocompleteRequest request) {
        return stub.autocomplete(request);
    }

    /** Completes until the answer satisfies {@code done}; fails with the last answer after {@code timeoutMillis}. */
    AutocompleteResponse awaitCompletion(AutocompleteRequest request, Predicate<AutocompleteResponse> done, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        AutocompleteResponse last;
        do {
            last = stub.autocomplete(request);
            if (done.test(last)) {
                return last;
            }
            sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within " + timeoutMillis + " ms; last answer: " + last.getSuggestionsList());
    }

    SearchResponse awaitSearch(String query, Predicate<SearchResponse> done, long timeoutMillis) {
        return awaitSearch(SearchRequest.newBuilder().setQuery(query).build(), done, timeoutMillis);
    }

    /** The fields of the INVALID_ARGUMENT that {@code call} fails with. */
    static List<String> violatedFields(Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        for (Any any : StatusProto.fromThrowable(e).getDetailsList()) {
            if (any.is(BadRequest.class)) {
                try {
                    return any.unpack(BadRequest.class).getFieldViolationsList().stream()
                            .map(BadRequest.FieldViolation::getField).toList();
                } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        throw new AssertionError("no BadRequest in " + e.getStatus());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
