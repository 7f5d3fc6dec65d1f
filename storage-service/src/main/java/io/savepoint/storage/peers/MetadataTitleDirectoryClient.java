package io.savepoint.storage.peers;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.cache.CacheResult;
import io.quarkus.grpc.GrpcClient;
import io.savepoint.grpc.v1.ResolveScidRequest;
import io.savepoint.grpc.v1.Title;
import io.savepoint.grpc.v1.TitleDirectoryGrpc;
import io.savepoint.protocol.GrpcConfig;
import io.savepoint.protocol.GrpcFailures;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;

/**
 * Resolves SCIDs through metadata-service's TitleDirectory, with a short-lived cache (quarkus.cache.caffeine.titles-by-scid).
 * Lookups are idempotent, so a peer that is not there (UNAVAILABLE) is retried twice, after 100 and 200 ms, before
 * the caller sees 503.
 */
@ApplicationScoped
public class MetadataTitleDirectoryClient {

    @GrpcClient("title-directory")
    TitleDirectoryGrpc.TitleDirectoryBlockingStub directory;

    @Inject
    GrpcConfig grpc;

    /** The title that owns the SCID, empty when none does. */
    @CacheResult(cacheName = "titles-by-scid")
    @Retry(maxRetries = 2, delay = 100, delayUnit = ChronoUnit.MILLIS, jitter = 0)
    @ExponentialBackoff(factor = 2)
    @RetryWhen(exception = GrpcFailures.RetryAtOnce.class)
    public Optional<Title> resolveScid(String scid) {
        try {
            return Optional.of(directory.withDeadlineAfter(grpc.deadline().toMillis(), TimeUnit.MILLISECONDS)
                    .resolveScid(ResolveScidRequest.newBuilder().setScid(scid).build()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
