package io.savepoint.protocol;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.quarkus.grpc.GlobalInterceptor;

/** Signs every outgoing gRPC call with this service's token. */
@GlobalInterceptor
@ApplicationScoped
public class ServiceTokenClientInterceptor implements ClientInterceptor {

    static final Metadata.Key<String> SERVICE_TOKEN = Metadata.Key.of("x-savepoint-service-token", Metadata.ASCII_STRING_MARSHALLER);

    private final ServiceTokens tokens;
    private final String serviceName;

    ServiceTokenClientInterceptor(ServiceTokens tokens, ServiceAuthConfig config) {
        this.tokens = tokens;
        this.serviceName = config.serviceName();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(SERVICE_TOKEN, tokens.mint(serviceName));
                super.start(listener, headers);
            }
        };
    }
}
