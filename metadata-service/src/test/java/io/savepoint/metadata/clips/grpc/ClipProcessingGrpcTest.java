package io.savepoint.metadata.clips.grpc;

import static io.restassured.RestAssured.given;
import static io.savepoint.metadata.clips.ClipFixtures.FILE_SIZE;
import static io.savepoint.metadata.clips.grpc.ClipCatalogGrpcTest.assertRefusal;
import static io.savepoint.metadata.clips.grpc.ClipCatalogGrpcTest.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.BlobStoreGrpc;
import io.savepoint.grpc.v1.ClaimProcessingRequest;
import io.savepoint.grpc.v1.ClipCatalogGrpc;
import io.savepoint.grpc.v1.ClipState;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.grpc.v1.ProcessingWork;
import io.savepoint.grpc.v1.QuotaGrpc;
import io.savepoint.grpc.v1.RefusalReason;
import io.savepoint.grpc.v1.UsageRequest;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.StoragePeerResource;
import io.savepoint.metadata.clips.StoredBlobs;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/** ClaimProcessing / FinishProcessing over real gRPC: leases, take-over, lease holders only, Error cleanup in storage. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
@WithTestResource(StoragePeerResource.class)
class ClipProcessingGrpcTest {

    static final String SHA256 = "a".repeat(64);

    @GrpcClient("clip-catalog")
    ClipCatalogGrpc.ClipCatalogBlockingStub catalog;

    @GrpcClient("storage")
    QuotaGrpc.QuotaBlockingStub quota;

    @GrpcClient("storage")
    BlobStoreGrpc.BlobStoreBlockingStub blobs;

    @BeforeEach
    void noClipWaits() {
        ClipFixtures.drainProcessing(catalog);
    }

    ProcessingWork claim(String worker) {
        return catalog.claimProcessing(ClaimProcessingRequest.newBuilder().setWorkerId(worker).build());
    }

    static FinishProcessingRequest.Builder finish(String id, String worker) {
        return FinishProcessingRequest.newBuilder().setGameClipId(id).setWorkerId(worker);
    }

    @Test
    void anUploadedClipIsHandedToOneWorkerWithEverythingItNeeds() {
        String owner = "2533274800000201";
        String id = ClipFixtures.uploaded(catalog, owner, body -> {});
        ProcessingWork work = claim("worker-1");
        assertThat(work.getHasWork()).isTrue();
        assertThat(work.getGameClipId()).isEqualTo(id);
        assertThat(work.getVideo().getKey()).isEqualTo(id + "/video");
        assertThat(work.getVideo().getNamespace()).isEqualTo("gameclips");
        assertThat(work.getFileSize()).isEqualTo(FILE_SIZE);
        assertThat(work.getThumbnailSource()).isEqualTo("Offset");
        assertThat(work.getThumbnailOffsetMillis()).isEqualTo(20000);
        assertThat(work.getLargeThumbnail().getKey()).isEqualTo(id + "/thumbnail-large");
        assertThat(work.getSmallThumbnail().getKey()).isEqualTo(id + "/thumbnail-small");
        assertThat(work.getOwner().getOwner()).isEqualTo(owner);
        assertThat(Instant.ofEpochMilli(work.getLeaseExpiresAtEpochMillis()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11)));
        assertThat(claim("worker-2").getHasWork()).isFalse();
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.state.name()).isEqualTo("Processing");
        assertThat(clip.processingWorkerId).isEqualTo("worker-1");
        assertThat(clip.processingStartedAt).isNotNull();

        assertStatus(() -> catalog.finishProcessing(finish(id, "worker-2").setSuccess(true).setSha256Hex(SHA256).build()),
                Status.Code.FAILED_PRECONDITION, "does not hold the processing lease");
        assertThat(assertRefusal(() -> catalog.finishProcessing(finish(id, "worker-2").setSuccess(true).setSha256Hex(SHA256).build()),
                Status.Code.FAILED_PRECONDITION, RefusalReason.PROCESSING_LEASE_NOT_HELD)).containsEntry("state", "Processing");
        assertStatus(() -> catalog.finishProcessing(finish(id, "worker-1").setSuccess(true).setSha256Hex("abc-1").build()),
                Status.Code.INVALID_ARGUMENT, "64 lower-case hex");
        assertStatus(() -> catalog.finishProcessing(finish(id, "worker-1").setSuccess(false).build()),
                Status.Code.INVALID_ARGUMENT, "error_reason");
        assertThat(catalog.finishProcessing(finish(id, "worker-1").setSuccess(true).setSha256Hex(SHA256)
                .setLargeThumbnailSize(30000).setSmallThumbnailSize(4000).build()).getClipState())
                .isEqualTo(ClipState.CLIP_STATE_PUBLISHED);

        clip = ClipFixtures.load(id);
        assertThat(clip.publishedAt).isNotNull();
        assertThat(clip.sha256Hex).isEqualTo(SHA256);
        assertThat(clip.largeThumbnailSize).isEqualTo(30000);
        assertThat(clip.smallThumbnailSize).isEqualTo(4000);
        assertThat(clip.processingWorkerId).isNull();
        assertStatus(() -> catalog.finishProcessing(finish(id, "worker-1").setSuccess(true).setSha256Hex(SHA256).build()),
                Status.Code.FAILED_PRECONDITION, "state Published");
        assertStatus(() -> catalog.finishProcessing(finish("00000000-0000-0000-0000-000000000000", "worker-1")
                .setSuccess(true).setSha256Hex(SHA256).build()), Status.Code.NOT_FOUND, "No clip");
        assertStatus(() -> claim(" "), Status.Code.INVALID_ARGUMENT, "worker_id");
    }

    @Test
    void aLeaseThatRanOutIsTakenOverAndTheOldWorkerCanNoLongerFinish() {
        String id = ClipFixtures.uploaded(catalog, "2533274800000202",
                body -> body.put("thumbnailSource", "Default").remove("thumbnailOffsetMillseconds"));
        assertThat(claim("slow-worker").getThumbnailOffsetMillis()).isEqualTo(3000);
        assertThat(claim("other-worker").getHasWork()).isFalse();

        ClipFixtures.expireLease(id);
        ProcessingWork takenOver = claim("new-worker");
        assertThat(takenOver.getGameClipId()).isEqualTo(id);
        assertStatus(() -> catalog.finishProcessing(finish(id, "slow-worker").setSuccess(true).setSha256Hex(SHA256).build()),
                Status.Code.FAILED_PRECONDITION, "lease holder 'new-worker'");

        ClipFixtures.expireLease(id);
        assertStatus(() -> catalog.finishProcessing(finish(id, "new-worker").setSuccess(true).setSha256Hex(SHA256).build()),
                Status.Code.FAILED_PRECONDITION, "does not hold the processing lease");
    }

    @Test
    void aClipWhoseWorkersAllLetTheLeaseRunOutEndsInErrorAfterTheLastAttempt() {
        String owner = "2533274800000207";
        String id = ClipFixtures.uploaded(catalog, owner, body -> body.put("fileSize", 5).put("expectedBlocks", 1));
        BlobRef video = StoredBlobs.store(blobs, id, "video", new byte[] {1, 2, 3, 4, 5});
        for (int attempt = 1; attempt <= 5; attempt++) {
            ClipFixtures.claim(catalog, "worker-" + attempt, id);
            ClipFixtures.expireLease(id);
        }

        ClipFixtures.drainProcessing(catalog);
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.state).isEqualTo(GameClipState.Error);
        assertThat(clip.processingAttempts).isEqualTo(5);
        assertThat(clip.errorReason).contains("did not finish in 5 attempts");
        assertThat(clip.storageCleanupPending).isFalse();
        assertThat(StoredBlobs.exists(blobs, video)).isFalse();
        assertThat(usedBytes(owner)).isZero();
    }

    @Test
    void aFailedClipBecomesErrorAndItsBytesAndQuotaAreGivenBack() {
        String owner = "2533274800000203";
        String id = ClipFixtures.uploaded(catalog, owner, body -> body.put("fileSize", 5).put("expectedBlocks", 1));
        BlobRef video = StoredBlobs.store(blobs, id, "video", new byte[] {1, 2, 3, 4, 5});
        BlobRef thumbnail = StoredBlobs.store(blobs, id, "thumbnail-large", new byte[] {9});
        assertThat(usedBytes(owner)).isEqualTo(5);

        ClipFixtures.claim(catalog, "worker-1", id);
        assertThat(catalog.finishProcessing(finish(id, "worker-1").setSuccess(false)
                .setErrorReason("not a playable video: moov atom not found").build()).getClipState()).isEqualTo(ClipState.CLIP_STATE_ERROR);

        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.errorReason).isEqualTo("not a playable video: moov atom not found");
        assertThat(clip.errorAt).isNotNull();
        assertThat(clip.storageCleanupPending).isFalse();
        assertThat(usedBytes(owner)).isZero();
        assertThat(StoredBlobs.exists(blobs, video)).isFalse();
        assertThat(StoredBlobs.exists(blobs, thumbnail)).isFalse();
    }

    @Test
    void thumbnailsAWorkerCommittedAfterTheOwnersDeleteAreRemoved() {
        String owner = "2533274800000207";
        String id = ClipFixtures.uploaded(catalog, owner, body -> {});
        ClipFixtures.claim(catalog, "worker-1", id);
        given().header("Authorization", ClipFixtures.token(owner)).when()
                .delete("/users/me/scids/" + TestTitles.SCID + "/clips/" + id).then().statusCode(204);
        // The worker read the video before the DELETE and commits its thumbnails after the clip's cleanup.
        BlobRef large = StoredBlobs.store(blobs, id, "thumbnail-large", new byte[] {1});
        BlobRef small = StoredBlobs.store(blobs, id, "thumbnail-small", new byte[] {2});

        assertStatus(() -> catalog.finishProcessing(finish(id, "worker-1").setSuccess(true).setSha256Hex(SHA256)
                .setLargeThumbnailSize(1).setSmallThumbnailSize(1).build()), Status.Code.FAILED_PRECONDITION, "state Deleted");
        assertThat(StoredBlobs.exists(blobs, large)).isFalse();
        assertThat(StoredBlobs.exists(blobs, small)).isFalse();
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.state).isEqualTo(GameClipState.Deleted);
        assertThat(clip.storageCleanupPending).isFalse();
    }

    @Test
    void concurrentWorkersNeverClaimTheSameClip() throws Exception {
        List<String> ids = IntStream.range(0, 6)
                .mapToObj(i -> ClipFixtures.uploaded(catalog, "25332748000003" + (10 + i), body -> {})).toList();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<ProcessingWork>> claims = IntStream.range(0, 12)
                    .<Callable<ProcessingWork>>mapToObj(i -> () -> claim("racer-" + i)).toList();
            List<String> claimed = pool.invokeAll(claims).stream().map(ClipProcessingGrpcTest::get)
                    .filter(ProcessingWork::getHasWork).map(ProcessingWork::getGameClipId).toList();
            assertThat(claimed).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            pool.shutdownNow();
        }
    }

    long usedBytes(String xuid) {
        return quota.getUsage(UsageRequest.newBuilder().setScope(ClipFixtures.quotaScope(xuid)).build()).getUsedBytes();
    }

    static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
