package dev.videoplatform.devstack;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A client-streaming gRPC call driven to its single answer, for tests and benchmarks: opens the
 * call, sends every request, half-closes, and completes with the server's answer (or its error).
 */
public final class ClientStreamCall {

    private ClientStreamCall() {
    }

    /**
     * Sends {@code requests} on the call {@code open} starts (e.g. {@code stub::recordViews});
     * {@code ifNoAnswer} stands in when the server completes without a message.
     */
    public static <Q, A> CompletableFuture<A> send(Function<StreamObserver<A>, StreamObserver<Q>> open,
            Iterable<Q> requests, A ifNoAnswer) {
        CompletableFuture<A> answer = new CompletableFuture<>();
        StreamObserver<Q> stream = open.apply(new StreamObserver<>() {
            @Override
            public void onNext(A value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                answer.complete(ifNoAnswer);
            }
        });
        requests.forEach(stream::onNext);
        stream.onCompleted();
        return answer;
    }
}
