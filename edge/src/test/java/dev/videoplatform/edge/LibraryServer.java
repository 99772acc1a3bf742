package dev.videoplatform.edge;

import com.google.protobuf.Any;
import com.google.protobuf.util.Durations;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import dev.videoplatform.edge.testapi.v1.Book;
import dev.videoplatform.edge.testapi.v1.CatalogServiceGrpc;
import dev.videoplatform.edge.testapi.v1.CheckoutBooksRequest;
import dev.videoplatform.edge.testapi.v1.CheckoutBooksResponse;
import dev.videoplatform.edge.testapi.v1.CountBooksRequest;
import dev.videoplatform.edge.testapi.v1.CountBooksResponse;
import dev.videoplatform.edge.testapi.v1.CreateBookRequest;
import dev.videoplatform.edge.testapi.v1.FailRequest;
import dev.videoplatform.edge.testapi.v1.FailResponse;
import dev.videoplatform.edge.testapi.v1.File;
import dev.videoplatform.edge.testapi.v1.GetBookRequest;
import dev.videoplatform.edge.testapi.v1.GetFileRequest;
import dev.videoplatform.edge.testapi.v1.GetShelfRequest;
import dev.videoplatform.edge.testapi.v1.LibraryServiceGrpc;
import dev.videoplatform.edge.testapi.v1.ListBooksRequest;
import dev.videoplatform.edge.testapi.v1.ListBooksResponse;
import dev.videoplatform.edge.testapi.v1.Shelf;
import dev.videoplatform.edge.testapi.v1.ShelfEvent;
import dev.videoplatform.edge.testapi.v1.UpdateBookRequest;
import dev.videoplatform.edge.testapi.v1.WatchShelfRequest;
import dev.videoplatform.edge.testapi.v1.WhoAmIRequest;
import dev.videoplatform.edge.testapi.v1.WhoAmIResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A real gRPC server for the test contract, on 127.0.0.1 and a free port. */
final class LibraryServer implements AutoCloseable {

    private static final Context.Key<Metadata> HEADERS = Context.key("headers");
    private static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

    private final Server server;

    LibraryServer() throws IOException {
        ServerInterceptor keepHeaders = new ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, Metadata headers,
                                                                     io.grpc.ServerCallHandler<Q, R> next) {
                return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
            }
        };
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(io.grpc.ServerInterceptors.intercept(new Library(), keepHeaders))
                .addService(new Catalog())
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class Library extends LibraryServiceGrpc.LibraryServiceImplBase {

        @Override
        public void getShelf(GetShelfRequest request, StreamObserver<Shelf> response) {
            reply(response, Shelf.newBuilder().setShelfId(request.getShelfId()).setTheme("theme of " + request.getShelfId()).build());
        }

        @Override
        public void getBook(GetBookRequest request, StreamObserver<Book> response) {
            reply(response, Book.newBuilder().setName(request.getName()).setTitle("Title of " + request.getName()).build());
        }

        @Override
        public void getBookTitle(GetBookRequest request, StreamObserver<Book> response) {
            getBook(request, response);
        }

        @Override
        public void createBook(CreateBookRequest request, StreamObserver<Book> response) {
            reply(response, request.getBook().toBuilder().setName("shelves/" + request.getShelfId() + "/books/1").build());
        }

        @Override
        public void updateBook(UpdateBookRequest request, StreamObserver<Book> response) {
            Book book = request.getBook().toBuilder().addAllTags(request.getUpdateMask().getPathsList()).build();
            reply(response, book);
        }

        @Override
        public void listBooks(ListBooksRequest request, StreamObserver<ListBooksResponse> response) {
            reply(response, ListBooksResponse.newBuilder().setReceived(request).build());
        }

        @Override
        public void checkoutBooks(CheckoutBooksRequest request, StreamObserver<CheckoutBooksResponse> response) {
            reply(response, CheckoutBooksResponse.newBuilder().setReceived(request).build());
        }

        @Override
        public void watchShelf(WatchShelfRequest request, StreamObserver<ShelfEvent> response) {
            try {
                for (int i = 1; i <= request.getEvents(); i++) {
                    if (i > 1) {
                        Thread.sleep(Durations.toMillis(request.getPause()));
                    }
                    response.onNext(ShelfEvent.newBuilder().setShelfId(request.getShelfId()).setSequence(i).build());
                }
                if (request.getShelfId().equals("collapsing")) {
                    response.onError(Status.UNAVAILABLE.withDescription("shelf collapsed").asRuntimeException());
                    return;
                }
                response.onCompleted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void getFile(GetFileRequest request, StreamObserver<File> response) {
            reply(response, File.newBuilder().setPath(request.getPath()).build());
        }

        @Override
        public void fail(FailRequest request, StreamObserver<FailResponse> response) {
            switch (request.getCode()) {
                case "INVALID_ARGUMENT" -> response.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.INVALID_ARGUMENT.value())
                        .setMessage("title is too long")
                        .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                                .setField("book.title").setDescription("at most 200 characters")).build()))
                        .build()));
                case "RESOURCE_EXHAUSTED" -> response.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                        .setMessage("slow down")
                        .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Durations.fromMillis(2_300)).build()))
                        .build()));
                case "UNAVAILABLE_RETRY_AFTER" -> {
                    Metadata trailers = new Metadata();
                    trailers.put(RETRY_AFTER, "7");
                    response.onError(new StatusRuntimeException(Status.UNAVAILABLE.withDescription("maintenance"), trailers));
                }
                case "SLOW" -> {
                    try {
                        Thread.sleep(3_000);
                        reply(response, FailResponse.getDefaultInstance());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> response.onError(Status.fromCode(Status.Code.valueOf(request.getCode())).withDescription("asked to fail with " + request.getCode()).asRuntimeException());
            }
        }

        @Override
        public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
            Metadata headers = HEADERS.get();
            reply(response, WhoAmIResponse.newBuilder()
                    .setAuthorization(valueOf(headers, "authorization"))
                    .setRequestId(valueOf(headers, "x-request-id"))
                    .setForwardedFor(valueOf(headers, "x-forwarded-for"))
                    .build());
        }

        private static String valueOf(Metadata headers, String name) {
            String value = headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
            return value == null ? "" : value;
        }
    }

    private static final class Catalog extends CatalogServiceGrpc.CatalogServiceImplBase {
        @Override
        public void countBooks(CountBooksRequest request, StreamObserver<CountBooksResponse> response) {
            reply(response, CountBooksResponse.newBuilder().setCatalogId(request.getCatalogId()).setCount(42).build());
        }
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
