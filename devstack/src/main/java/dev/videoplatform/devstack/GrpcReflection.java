package dev.videoplatform.devstack;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** What grpcurl's {@code list} asks a running server: the gRPC services its reflection names. */
public final class GrpcReflection {

    private GrpcReflection() {
    }

    /** The services {@code process} lists, over a plaintext channel of its own. */
    public static Set<String> services(ServiceProcess process) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", process.port()).usePlaintext().build();
        try {
            return services(channel);
        } finally {
            channel.shutdownNow();
        }
    }

    /** The services the server behind {@code channel} lists. */
    public static Set<String> services(Channel channel) throws Exception {
        CompletableFuture<Set<String>> listed = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        listed.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).collect(Collectors.toSet()));
                    }

                    @Override
                    public void onError(Throwable failure) {
                        listed.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        listed.completeExceptionally(new IllegalStateException("the stream ended without an answer"));
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        Set<String> services = listed.get(10, TimeUnit.SECONDS);
        requests.onCompleted();
        return services;
    }
}
