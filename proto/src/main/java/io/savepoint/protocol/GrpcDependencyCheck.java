package io.savepoint.protocol;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.health.HealthCheckResponse;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;

/**
 * Readiness of a gRPC peer: asks its standard health service whether it serves. Only liveness of the peer's
 * server is asked, never its own readiness, so two services that call each other cannot wait on each other forever.
 */
public final class GrpcDependencyCheck {

    private GrpcDependencyCheck() {
    }

    public static HealthCheckResponse check(String name, String target, Channel channel, Duration deadline) {
        var response = HealthCheckResponse.named(name).withData("target", target);
        try {
            var status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.newBuilder().build()).getStatus();
            return response.status(status == ServingStatus.SERVING)
                    .withData("status", status.name()).build();
        } catch (StatusRuntimeException e) {
            return response.down().withData("error", e.getStatus().getCode() + " " + String.valueOf(e.getStatus().getDescription()))
                    .build();
        }
    }
}
