package io.savepoint.metadata.peers;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.savepoint.grpc.v1.CommitReservationRequest;
import io.savepoint.grpc.v1.OwnerScope;
import io.savepoint.grpc.v1.QuotaGrpc;
import io.savepoint.grpc.v1.ReleaseRequest;
import io.savepoint.grpc.v1.ReserveRequest;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.GrpcConfig;

/**
 * storage-service's Quota for clip uploads. Over quota is the spec's 400 (A.1) with storage's message; a storage
 * that is down or slow (UNAVAILABLE, DEADLINE_EXCEEDED) propagates, and the shared mapper answers 503 + Retry-After.
 */
@ApplicationScoped
public class StorageQuotaClient {

    private static final Logger LOG = Logger.getLogger(StorageQuotaClient.class);

    @GrpcClient("storage")
    QuotaGrpc.QuotaBlockingStub quota;

    @Inject
    GrpcConfig grpc;

    /**
     * Holds {@code bytes} of the user's GAME_CLIPS quota for the clip, for at most {@code hold} unless committed.
     * Idempotent per reservation id.
     */
    public void reserveClip(String reservationId, String sandboxId, String scid, String ownerXuid, long bytes, long quotaBytes,
            Duration hold) {
        OwnerScope scope = OwnerScope.newBuilder().setSandboxId(sandboxId).setScid(scid)
                .setFamily(StorageFamily.GAME_CLIPS).setOwner(ownerXuid).build();
        try {
            stub().reserve(ReserveRequest.newBuilder().setReservationId(reservationId).setScope(scope)
                    .setBytes(bytes).setQuotaBytes(quotaBytes).setHoldSeconds(hold.toSeconds()).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                throw ApiException.badRequest("The user is over quota for game clips: " + e.getStatus().getDescription());
            }
            throw e;
        }
    }

    /** Turns the clip's reservation into used bytes (idempotent); failures propagate. */
    public void commit(String reservationId, long actualBytes) {
        stub().commit(CommitReservationRequest.newBuilder().setReservationId(reservationId).setActualBytes(actualBytes).build());
    }

    /** Gives a reservation (or the bytes it became) back; idempotent, and failures propagate so it can be retried. */
    public void release(String reservationId) {
        stub().release(ReleaseRequest.newBuilder().setReservationId(reservationId).build());
    }

    /** Gives a reservation back; best effort (logged), since the caller is already failing for another reason. */
    public void releaseQuietly(String reservationId) {
        try {
            stub().release(ReleaseRequest.newBuilder().setReservationId(reservationId).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                LOG.errorf("Could not release quota reservation %s (%s); its bytes stay reserved", reservationId, e.getStatus());
            }
        }
    }

    private QuotaGrpc.QuotaBlockingStub stub() {
        return quota.withDeadlineAfter(grpc.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }
}
