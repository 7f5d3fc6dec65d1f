package io.savepoint.storage.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.grpc.v1.CommitReservationRequest;
import io.savepoint.grpc.v1.OwnerScope;
import io.savepoint.grpc.v1.QuotaGrpc;
import io.savepoint.grpc.v1.ReleaseRequest;
import io.savepoint.grpc.v1.ReserveRequest;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.grpc.v1.Usage;
import io.savepoint.grpc.v1.UsageRequest;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/** Quota over real gRPC against PostgreSQL: reservations, idempotent retries, exact usage under concurrency. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
class QuotaGrpcTest {

    @GrpcClient("quota")
    QuotaGrpc.QuotaBlockingStub quota;

    @Inject
    ReservationSweeper sweeper;

    static OwnerScope scope(String owner) {
        return OwnerScope.newBuilder().setSandboxId(TestTitles.SANDBOX).setScid(TestTitles.SCID)
                .setFamily(StorageFamily.GAME_CLIPS).setOwner(owner).build();
    }

    ReserveRequest reserve(String id, OwnerScope scope, long bytes, long quotaBytes) {
        return ReserveRequest.newBuilder().setReservationId(id).setScope(scope).setBytes(bytes).setQuotaBytes(quotaBytes).build();
    }

    @Test
    void reserveCommitRelease() {
        OwnerScope scope = scope("owner-" + UUID.randomUUID());
        var reservation = quota.reserve(reserve("r1-" + scope.getOwner(), scope, 700, 1000));
        assertThat(reservation.getUsage().getReservedBytes()).isEqualTo(700);
        // a retry answers the same reservation and holds nothing more
        assertThat(quota.reserve(reserve("r1-" + scope.getOwner(), scope, 700, 1000)).getUsage().getReservedBytes()).isEqualTo(700);
        assertThatThrownBy(() -> quota.reserve(reserve("r2-" + scope.getOwner(), scope, 301, 1000)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains("1000-byte quota");
                });
        Usage committed = quota
                .commit(CommitReservationRequest.newBuilder().setReservationId("r1-" + scope.getOwner()).setActualBytes(650).build());
        assertThat(committed.getUsedBytes()).isEqualTo(650);
        assertThat(committed.getReservedBytes()).isZero();
        // commit is idempotent
        assertThat(
                quota.commit(CommitReservationRequest.newBuilder().setReservationId("r1-" + scope.getOwner()).setActualBytes(650).build())
                        .getUsedBytes())
                .isEqualTo(650);
        assertThat(quota.release(ReleaseRequest.newBuilder().setReservationId("r1-" + scope.getOwner()).build()).getUsedBytes()).isZero();
        assertThat(quota.release(ReleaseRequest.newBuilder().setReservationId("r1-" + scope.getOwner()).build()).getUsedBytes()).isZero();
        assertThat(quota.getUsage(UsageRequest.newBuilder().setScope(scope).build()).getUsedBytes()).isZero();
    }

    @Test
    void aReservationHeldPastItsHoldIsReleasedButACommittedOneStays() throws Exception {
        OwnerScope scope = scope("owner-" + UUID.randomUUID());
        String orphan = "orphan-" + scope.getOwner();
        String committed = "kept-" + scope.getOwner();
        String unlimited = "unlimited-" + scope.getOwner();
        quota.reserve(reserve(orphan, scope, 300, 1000).toBuilder().setHoldSeconds(1).build());
        quota.reserve(reserve(committed, scope, 200, 1000).toBuilder().setHoldSeconds(1).build());
        quota.reserve(reserve(unlimited, scope, 100, 1000));
        quota.commit(CommitReservationRequest.newBuilder().setReservationId(committed).setActualBytes(200).build());
        Thread.sleep(1500);

        assertThat(sweeper.releaseExpired()).isGreaterThanOrEqualTo(1);
        Usage usage = quota.getUsage(UsageRequest.newBuilder().setScope(scope).build());
        assertThat(usage.getReservedBytes()).as("only the reservation without a hold is still held").isEqualTo(100);
        assertThat(usage.getUsedBytes()).isEqualTo(200);
        assertThatThrownBy(() -> quota.commit(CommitReservationRequest.newBuilder().setReservationId(orphan).setActualBytes(300).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription()).contains("released"));
        assertThatThrownBy(() -> quota.reserve(reserve("neg-" + scope.getOwner(), scope, 1, 1000).toBuilder().setHoldSeconds(-1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("hold_seconds");
                });
    }

    @Test
    void badRequestsAreRefused() {
        assertThatThrownBy(() -> quota.release(ReleaseRequest.newBuilder().setReservationId("never-made").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> quota.reserve(reserve("x", OwnerScope.newBuilder().setScid(TestTitles.SCID).build(), 1, 10)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void concurrentReservationsNeverOvershoot() throws Exception {
        OwnerScope scope = scope("owner-" + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = scope.getOwner() + "-" + i;
                results.add(pool.submit(() -> {
                    try {
                        quota.reserve(reserve(id, scope, 10, 100));
                        return true;
                    } catch (StatusRuntimeException e) {
                        return false;
                    }
                }));
            }
            long granted = 0;
            for (Future<Boolean> result : results) {
                granted += result.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(10);
            assertThat(quota.getUsage(UsageRequest.newBuilder().setScope(scope).build()).getReservedBytes()).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }
}
