package dev.videoplatform.platform.probe;

import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.probe.v1.EchoRequest;
import dev.videoplatform.probe.v1.EchoResponse;
import dev.videoplatform.probe.v1.EmitRequest;
import dev.videoplatform.probe.v1.FailRequest;
import dev.videoplatform.probe.v1.ProbeServiceGrpc;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.quarkus.grpc.GrpcService;
import io.grpc.stub.StreamObserver;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;

/** The probe service: each RPC shows what the platform's interceptors and helpers did. */
@GrpcService
public class ProbeEndpoint extends ProbeServiceGrpc.ProbeServiceImplBase {

    private final OutboxWriter outbox;
    private final Pool pool;

    public ProbeEndpoint(OutboxWriter outbox, Pool pool) {
        this.outbox = outbox;
        this.pool = pool;
    }

    @Override
    public void publicEcho(EchoRequest request, StreamObserver<EchoResponse> response) {
        reply(response, echo(request.getText()));
    }

    @Override
    public void whoAmI(EchoRequest request, StreamObserver<EchoResponse> response) {
        reply(response, echo(request.getText()));
    }

    @Override
    public void adminEcho(EchoRequest request, StreamObserver<EchoResponse> response) {
        reply(response, echo(request.getText()));
    }

    @Override
    public void internalEcho(EchoRequest request, StreamObserver<EchoResponse> response) {
        reply(response, echo(request.getText()));
    }

    @Override
    public void heavy(EchoRequest request, StreamObserver<EchoResponse> response) {
        reply(response, echo(request.getText()));
    }

    @Override
    public void fail(FailRequest request, StreamObserver<EchoResponse> response) {
        // Thrown, as service code would: the platform's exception handler maps it.
        throw switch (request.getKind()) {
            case "invalid" -> DomainException.invalidArgument(java.util.List.of(
                    new DomainException.FieldViolation("title", "must be at most 100 characters"),
                    new DomainException.FieldViolation("tags[3]", "must not be empty")));
            case "not-found" -> DomainException.notFound("VIDEO_NOT_FOUND", "video v1 does not exist");
            case "exhausted" -> DomainException.resourceExhausted("QUOTA", "daily upload quota used", Duration.ofSeconds(42));
            case "status" -> Status.ABORTED.withDescription("optimistic lock lost").asRuntimeException();
            default -> new IllegalStateException("secret internal detail: db password is hunter2");
        };
    }

    @Override
    public void emit(EmitRequest request, StreamObserver<EchoResponse> response) {
        String traceId = Span.current().getSpanContext().getTraceId();
        pool.withTransaction(tx -> outbox.append(tx, request.getUserId(),
                        UserUpdated.newBuilder().setUserId(request.getUserId()).setDisplayName("traced").build()))
                .subscribe().with(
                        envelope -> reply(response, EchoResponse.newBuilder().setText(envelope.getEventId())
                                .setTraceId(traceId).build()),
                        response::onError);
    }

    private static void reply(StreamObserver<EchoResponse> response, EchoResponse value) {
        response.onNext(value);
        response.onCompleted();
    }

    private static EchoResponse echo(String text) {
        Caller caller = Caller.current();
        return EchoResponse.newBuilder().setText(text)
                .setUserId(caller.userId() == null ? "" : caller.userId())
                .addAllRoles(caller.roles())
                .setServiceName(caller.isService() ? caller.serviceName() : "")
                .build();
    }
}
