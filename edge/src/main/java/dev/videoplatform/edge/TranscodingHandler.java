package dev.videoplatform.edge;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.Status;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** HTTP/JSON in, gRPC out: finds the RPC by its http rule, builds the request, calls the upstream. */
final class TranscodingHandler implements Handler<RoutingContext> {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> FORWARDED_FOR = Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);

    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final EdgeContracts contracts;
    private final UpstreamChannels channels;
    private final GrpcMethods methods = new GrpcMethods();
    private final Duration deadline;
    private final Duration streamDeadline;

    TranscodingHandler(EdgeContracts contracts, UpstreamChannels channels, Duration deadline, Duration streamDeadline) {
        this.contracts = contracts;
        this.channels = channels;
        this.deadline = deadline;
        this.streamDeadline = streamDeadline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        JsonTranscoder json = contracts.json();
        String requestId = requestId(request);
        response.putHeader("x-request-id", requestId);

        HttpRuleIndex.Binding binding;
        DynamicMessage message;
        try {
            HttpRuleIndex.Match match = contracts.rules().match(request.method().name(), request.path());
            if (match instanceof HttpRuleIndex.WrongMethod wrong) {
                response.putHeader("allow", String.join(", ", wrong.allowed()));
                ErrorReplies.send(response, json, 405, Status.Code.UNIMPLEMENTED,
                        request.method() + " is not allowed on " + request.path() + "; allowed: " + wrong.allowed());
                return;
            }
            if (!(match instanceof HttpRuleIndex.Found found)) {
                ErrorReplies.send(response, json, 404, Status.Code.NOT_FOUND, "no API method at " + request.method() + " " + request.path());
                return;
            }
            binding = found.binding();
            String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
            message = json.request(binding, found.variables(), request.query() == null ? Map.of() : PercentDecoding.query(request.query()), body);
        } catch (InvalidRequest e) {
            ErrorReplies.send(response, json, 400, Status.Code.INVALID_ARGUMENT, e.getMessage());
            return;
        }

        Metadata headers = new Metadata();
        String authorization = request.getHeader("authorization");
        if (authorization != null) {
            headers.put(AUTHORIZATION, authorization);
        }
        headers.put(REQUEST_ID, requestId);
        // The peer we saw replaces whatever the client wrote; services trust this header only from
        // a configured proxy address (videoplatform.grpc.trusted-proxies, see docs/security.md).
        headers.put(FORWARDED_FOR, request.remoteAddress().hostAddress());

        // The upstream channel runs on this event loop (UpstreamChannels), so its callbacks are
        // already on the request's thread: emit runs them there at once, in the request's context,
        // where runOnContext would queue each behind the loop's other work.
        ContextInternal context = (ContextInternal) Vertx.currentContext();
        Duration callDeadline = binding.method().isServerStreaming() ? streamDeadline : deadline;
        CallOptions options = CallOptions.DEFAULT
                .withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS)
                .withExecutor(task -> context.emit(ignored -> task.run()));
        UpstreamCall.start(channels.forService(binding.service()), methods, options, headers, message, binding, json, response);
    }

    /**
     * The client's id when it is a sane token, else a fresh random (version 4) UUID, so every call
     * can be traced. An id names a call and guards nothing, so it comes from the thread's fast
     * generator: {@code UUID.randomUUID()} reads the kernel's entropy on every request.
     */
    private static String requestId(HttpServerRequest request) {
        String given = request.getHeader("x-request-id");
        if (given != null && SANE_REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(3L << 62)) | (2L << 62);
        return new UUID(high, low).toString();
    }
}
