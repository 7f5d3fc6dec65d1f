package io.savepoint.storage.peers;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.cache.CacheResult;
import io.quarkus.grpc.GrpcClient;
import io.savepoint.grpc.v1.ResolveScidRequest;
import io.savepoint.grpc.v1.Title;
import io.savepoint.grpc.v1.TitleDirectoryGrpc;

/**
 * Resolves SCIDs through metadata-service's TitleDirectory, with a short-lived cache (quarkus.cache.caffeine.titles-by-scid).
 * Lookups are idempotent, so an UNAVAILABLE peer is retried briefly before the caller sees 503.
 */
@ApplicationScoped
public class MetadataTitleDirectoryClient {

    private static final int ATTEMPTS = 3;
    private static final long BACKOFF_MILLIS = 100;

    @GrpcClient("title-directory")
    TitleDirectoryGrpc.TitleDirectoryBlockingStub directory;

    @ConfigProperty(name = "savepoint.grpc.deadline", defaultValue = "2s")
    Duration deadline;

    /** The title that owns the SCID, empty when none does. */
    @CacheResult(cacheName = "titles-by-scid")
    public Optional<Title> resolveScid(String scid) {
        for (int attempt = 1;; attempt++) {
            try {
                return Optional.of(directory.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .resolveScid(ResolveScidRequest.newBuilder().setScid(scid).build()));
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return Optional.empty();
                }
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == ATTEMPTS) {
                    throw e;
                }
                sleep(BACKOFF_MILLIS * attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
    }
}
