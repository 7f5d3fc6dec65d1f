package io.savepoint.storage.quota.grpc;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.savepoint.grpc.v1.CommitReservationRequest;
import io.savepoint.grpc.v1.OwnerScope;
import io.savepoint.grpc.v1.Quota;
import io.savepoint.grpc.v1.ReleaseRequest;
import io.savepoint.grpc.v1.Reservation;
import io.savepoint.grpc.v1.ReserveRequest;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.grpc.v1.Usage;
import io.savepoint.grpc.v1.UsageRequest;
import io.savepoint.storage.quota.QuotaExceededException;
import io.savepoint.storage.quota.QuotaService;
import io.savepoint.storage.quota.QuotaUsage;
import io.savepoint.storage.quota.UnknownReservationException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Quota over gRPC, for metadata-service (clip upload reservations) and later the blob engine. */
@GrpcService
public class QuotaGrpcService implements Quota {

    private final QuotaService quota;

    QuotaGrpcService(QuotaService quota) {
        this.quota = quota;
    }

    @Override
    @Blocking
    public Uni<Reservation> reserve(ReserveRequest request) {
        return call(() -> {
            require(!request.getReservationId().isBlank(), "reservation_id is required");
            require(request.getBytes() >= 0, "bytes must not be negative");
            require(request.getQuotaBytes() > 0, "quota_bytes must be positive");
            require(request.getHoldSeconds() >= 0, "hold_seconds must not be negative");
            QuotaUsage.Scope scope = scope(request.getScope());
            Duration hold = request.getHoldSeconds() == 0 ? null : Duration.ofSeconds(request.getHoldSeconds());
            var reservation = quota.reserve(request.getReservationId(), scope, request.getBytes(), request.getQuotaBytes(), hold);
            return Reservation.newBuilder().setReservationId(reservation.reservationId).setBytes(reservation.bytes)
                    .setUsage(usage(request.getScope(), quota.usage(scope), request.getQuotaBytes())).build();
        });
    }

    @Override
    @Blocking
    public Uni<Usage> commit(CommitReservationRequest request) {
        return call(() -> {
            require(request.getActualBytes() >= 0, "actual_bytes must not be negative");
            QuotaUsage usage = quota.commit(request.getReservationId(), request.getActualBytes());
            return usage(null, usage, 0);
        });
    }

    @Override
    @Blocking
    public Uni<Usage> release(ReleaseRequest request) {
        return call(() -> usage(null, quota.release(request.getReservationId()), 0));
    }

    @Override
    @Blocking
    public Uni<Usage> getUsage(UsageRequest request) {
        return call(() -> usage(request.getScope(), quota.usage(scope(request.getScope())), 0));
    }

    private static <T> Uni<T> call(Supplier<T> body) {
        return Uni.createFrom().item(() -> {
            try {
                return body.get();
            } catch (QuotaExceededException e) {
                throw Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).asRuntimeException();
            } catch (UnknownReservationException e) {
                throw Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
            } catch (IllegalStateException e) {
                throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
            } catch (IllegalArgumentException e) {
                throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
            }
        });
    }

    static QuotaUsage.Scope scope(OwnerScope scope) {
        require(scope.getFamily() != StorageFamily.STORAGE_FAMILY_UNSPECIFIED && scope.getFamily() != StorageFamily.UNRECOGNIZED,
                "scope.family is required");
        require(!scope.getScid().isBlank(), "scope.scid is required");
        require(!scope.getSandboxId().isBlank(), "scope.sandbox_id is required");
        return new QuotaUsage.Scope(scope.getSandboxId(), scope.getScid().toLowerCase(Locale.ROOT), scope.getFamily().name(),
                scope.getOwner());
    }

    private static Usage usage(OwnerScope requested, QuotaUsage usage, long quotaBytes) {
        OwnerScope scope = requested != null ? requested : OwnerScope.newBuilder()
                .setSandboxId(usage.scope.sandboxId()).setScid(usage.scope.scid())
                .setFamily(StorageFamily.valueOf(usage.scope.family())).setOwner(usage.scope.owner()).build();
        return Usage.newBuilder().setScope(scope).setUsedBytes(usage.usedBytes).setReservedBytes(usage.reservedBytes)
                .setQuotaBytes(quotaBytes).build();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
