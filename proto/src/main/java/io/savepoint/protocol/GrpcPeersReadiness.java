package io.savepoint.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.runtime.LaunchMode;

/**
 * Readiness covers the gRPC peers a service calls (savepoint.readiness.grpc-peers: gRPC client names). Each peer's
 * standard health service is asked whether its server runs, never whether the peer is itself ready, so services
 * that call each other cannot wait on each other forever.
 */
@Readiness
@ApplicationScoped
public class GrpcPeersReadiness implements HealthCheck {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @ConfigProperty(name = "savepoint.readiness.grpc-peers")
    Optional<List<String>> peers;

    private final Config config;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    GrpcPeersReadiness(Config config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("gRPC dependencies").up();
        boolean allUp = true;
        for (String peer : peers.orElse(List.of())) {
            String target = target(peer);
            HealthCheckResponse check = GrpcDependencyCheck.check(peer, target,
                    channels.computeIfAbsent(target, t -> ManagedChannelBuilder.forTarget(t).usePlaintext().build()), DEADLINE);
            allUp &= check.getStatus() == HealthCheckResponse.Status.UP;
            response.withData(peer,
                    target + " " + check.getStatus() + check.getData().map(d -> " " + d.getOrDefault("error", "")).orElse(""));
        }
        return response.status(allUp).build();
    }

    private String target(String client) {
        String prefix = "quarkus.grpc.clients." + client + ".";
        String host = config.getOptionalValue(prefix + "host", String.class).orElse("localhost");
        Optional<Integer> port = LaunchMode.current() == LaunchMode.TEST
                ? config.getOptionalValue(prefix + "test-port", Integer.class)
                : Optional.empty();
        return host + ":" + port.orElseGet(() -> config.getValue(prefix + "port", Integer.class));
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
