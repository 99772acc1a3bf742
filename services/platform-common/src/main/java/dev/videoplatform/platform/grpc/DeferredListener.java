package dev.videoplatform.platform.grpc;

import io.grpc.ServerCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A call listener that holds back events until the real listener exists, so an interceptor can
 * decide asynchronously (a Redis lookup, a JWKS fetch) without blocking the event loop.
 */
final class DeferredListener<Q> extends ServerCall.Listener<Q> {

    private List<Consumer<ServerCall.Listener<Q>>> pending = new ArrayList<>();
    private ServerCall.Listener<Q> delegate;

    /** Replays what arrived so far into {@code listener}, then forwards directly. */
    void start(ServerCall.Listener<Q> listener) {
        while (true) {
            List<Consumer<ServerCall.Listener<Q>>> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    delegate = listener;
                    pending = null;
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            batch.forEach(event -> event.accept(listener));
        }
    }

    /** The call was refused: drop everything and ignore what comes. */
    void discard() {
        start(new ServerCall.Listener<>() {
        });
    }

    private void dispatch(Consumer<ServerCall.Listener<Q>> event) {
        ServerCall.Listener<Q> target;
        synchronized (this) {
            if (delegate == null) {
                pending.add(event);
                return;
            }
            target = delegate;
        }
        event.accept(target);
    }

    @Override
    public void onMessage(Q message) {
        dispatch(l -> l.onMessage(message));
    }

    @Override
    public void onHalfClose() {
        dispatch(ServerCall.Listener::onHalfClose);
    }

    @Override
    public void onCancel() {
        dispatch(ServerCall.Listener::onCancel);
    }

    @Override
    public void onComplete() {
        dispatch(ServerCall.Listener::onComplete);
    }

    @Override
    public void onReady() {
        dispatch(ServerCall.Listener::onReady);
    }
}
