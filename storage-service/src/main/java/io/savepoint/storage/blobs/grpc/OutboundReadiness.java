package io.savepoint.storage.blobs.grpc;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Lets a server-streaming method produce at the pace its caller reads. Quarkus' Mutiny stubs (3.32) subscribe to the
 * method's Multi without bound and queue every message it emits (quarkusio/quarkus#46475), so a download to a slow
 * client read the whole blob into memory at disk speed. The method takes its call's {@link Gate} and asks it before
 * producing more: the gate opens when gRPC's transport can take messages without buffering them (onReady).
 */
@ApplicationScoped
public class OutboundReadiness implements ServerInterceptor {

    private static final Context.Key<Gate> GATE = Context.key("savepoint-outbound-readiness");

    /** The current call's gate: from the service method, which runs in its call's gRPC context. */
    static Gate current() {
        Gate gate = GATE.get();
        if (gate == null) {
            throw new IllegalStateException("No outbound readiness: register OutboundReadiness on the gRPC service");
        }
        return gate;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        Gate gate = new Gate(call);
        ServerCall.Listener<Q> listener = Contexts.interceptCall(Context.current().withValue(GATE, gate), call, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onReady() {
                gate.open();
                super.onReady();
            }

            @Override
            public void onCancel() {
                // Waiting producers go on, find the call cancelled and stop.
                gate.open();
                super.onCancel();
            }
        };
    }

    /** One call's readiness to send. */
    static final class Gate {

        private final ServerCall<?, ?> call;
        private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

        private Gate(ServerCall<?, ?> call) {
            this.call = call;
        }

        /** Runs {@code action} once the call can take more messages without queueing them, or has ended. */
        void whenReady(Runnable action) {
            waiting.add(action);
            // Queued first: a transition to ready after this check calls onReady, which runs it.
            if (call.isReady() || call.isCancelled()) {
                open();
            }
        }

        private void open() {
            Runnable action;
            while ((action = waiting.poll()) != null) {
                action.run();
            }
        }
    }
}
