package io.savepoint.protocol;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * Refuses gRPC calls that do not carry a valid service token (UNAUTHENTICATED), except the standard health service.
 * The caller's service name is available to handlers through {@link #CALLING_SERVICE}.
 */
@GlobalInterceptor
@ApplicationScoped
public class ServiceTokenServerInterceptor implements ServerInterceptor {

    public static final Context.Key<String> CALLING_SERVICE = Context.key("savepoint-calling-service");
    private static final String HEALTH_SERVICE = "grpc.health.v1.Health";

    private final ServiceTokens tokens;

    ServiceTokenServerInterceptor(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (HEALTH_SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Optional<String> caller = tokens.verify(headers.get(ServiceTokenClientInterceptor.SERVICE_TOKEN));
        if (caller.isEmpty()) {
            call.close(Status.UNAUTHENTICATED.withDescription(
                    "Missing or invalid x-savepoint-service-token: the calling service needs the shared SAVEPOINT_SERVICE_AUTH_SECRET."),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(CALLING_SERVICE, caller.get()), call, headers, next);
    }
}
