package io.savepoint.metadata.clips.lifecycle;

import static io.savepoint.metadata.clips.ClipFixtures.FILE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.grpc.v1.BlobStoreGrpc;
import io.savepoint.grpc.v1.QuotaGrpc;
import io.savepoint.grpc.v1.Usage;
import io.savepoint.grpc.v1.UsageRequest;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.StoragePeerResource;
import io.savepoint.metadata.clips.StoredBlobs;
import io.savepoint.testing.PostgresTestResource;

/** The expiry sweeper against a real storage-service: expired uploads give back their staged blocks and quota. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
@WithTestResource(StoragePeerResource.class)
class ClipExpirySweeperTest {

    @Inject
    ClipExpirySweeper sweeper;

    @GrpcClient("storage")
    QuotaGrpc.QuotaBlockingStub quota;

    @GrpcClient("storage")
    BlobStoreGrpc.BlobStoreBlockingStub blobs;

    Usage usage(String xuid) {
        return quota.getUsage(UsageRequest.newBuilder().setScope(ClipFixtures.quotaScope(xuid)).build());
    }

    /** Other test classes share this database and leave expired uploads behind. */
    @BeforeEach
    void nothingOverdue() {
        sweeper.sweep();
    }

    @Test
    void anExpiredUploadBecomesErrorAndGivesBackItsBlocksAndQuota() {
        String owner = "2533274800000801";
        String expired = ClipFixtures.create(owner);
        String pending = ClipFixtures.create(owner);
        StoredBlobs.stage(blobs, expired, "video", new byte[] {1, 2, 3});
        assertThat(StoredBlobs.stagedBlocks(blobs, expired)).isEqualTo(1);
        assertThat(usage(owner).getReservedBytes()).isEqualTo(2 * FILE_SIZE);

        GameClip clip = ClipFixtures.expireAndSweep(sweeper, expired);
        assertThat(clip.errorAt).isNotNull();
        assertThat(clip.storageCleanupPending).isFalse();
        assertThat(StoredBlobs.stagedBlocks(blobs, expired)).isZero();
        assertThat(usage(owner).getReservedBytes()).isEqualTo(FILE_SIZE);
        assertThat(ClipFixtures.load(pending).state).isEqualTo(GameClipState.PendingUpload);
        assertThat(sweeper.sweep()).isZero();
    }

    @Test
    void sweepersRunningSideBySideExpireEachClipOnce() throws Exception {
        String owner = "2533274800000802";
        List<String> ids = IntStream.range(0, 8).mapToObj(i -> ClipFixtures.create(owner)).toList();
        ids.forEach(ClipFixtures::expireUpload);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = pool.invokeAll(IntStream.range(0, 4).<Callable<Integer>>mapToObj(i -> sweeper::sweep).toList());
            int expired = 0;
            for (Future<Integer> run : runs) {
                expired += run.get();
            }
            assertThat(expired).isEqualTo(ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).allSatisfy(id -> assertThat(ClipFixtures.load(id).errorReason).isEqualTo("upload expired"));
        assertThat(usage(owner).getReservedBytes()).isZero();
    }
}
