package io.savepoint.metadata.clips.grpc;

import static io.restassured.RestAssured.given;
import static io.savepoint.metadata.clips.ClipFixtures.EXPECTED_BLOCKS;
import static io.savepoint.metadata.clips.ClipFixtures.FILE_SIZE;
import static io.savepoint.metadata.clips.ClipFixtures.OWNER;
import static io.savepoint.metadata.clips.ClipFixtures.STRANGER;
import static io.savepoint.metadata.clips.ClipFixtures.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.grpc.v1.AuthorizeBlockUploadRequest;
import io.savepoint.grpc.v1.AuthorizeThumbnailUploadRequest;
import io.savepoint.grpc.v1.ClipCaller;
import io.savepoint.grpc.v1.ClipCatalogGrpc;
import io.savepoint.grpc.v1.ClipState;
import io.savepoint.grpc.v1.CompleteUploadRequest;
import io.savepoint.grpc.v1.CompleteUploadResponse;
import io.savepoint.grpc.v1.GetUploadRequest;
import io.savepoint.grpc.v1.QuotaGrpc;
import io.savepoint.grpc.v1.RecordThumbnailRequest;
import io.savepoint.grpc.v1.RefusalReason;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.grpc.v1.ThumbnailGrant;
import io.savepoint.grpc.v1.ThumbnailKind;
import io.savepoint.grpc.v1.UploadGrant;
import io.savepoint.grpc.v1.UsageRequest;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.StoragePeerResource;
import io.savepoint.metadata.clips.lifecycle.ClipExpirySweeper;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/** The upload half of ClipCatalog over real gRPC, on clips created by the real POST, with a real storage-service. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
@WithTestResource(StoragePeerResource.class)
class ClipCatalogGrpcTest {

    @GrpcClient("clip-catalog")
    ClipCatalogGrpc.ClipCatalogBlockingStub catalog;

    @GrpcClient("storage")
    QuotaGrpc.QuotaBlockingStub quota;

    @Inject
    ClipExpirySweeper sweeper;

    static AuthorizeBlockUploadRequest block(ClipCaller caller, String clipId, int blockNum, long size) {
        return AuthorizeBlockUploadRequest.newBuilder().setCaller(caller).setGameClipId(clipId).setBlockNum(blockNum)
                .setBlockSize(size).build();
    }

    static void assertStatus(Runnable call, Status.Code code, String descriptionPart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(descriptionPart);
        });
    }

    /** A refusal with its typed reason (the google.rpc.ErrorInfo detail); returns the ErrorInfo's metadata. */
    static Map<String, String> assertRefusal(Runnable call, Status.Code code, RefusalReason reason) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        ErrorInfo info = status.getDetailsList().stream().filter(d -> d.is(ErrorInfo.class)).map(ClipCatalogGrpcTest::errorInfo)
                .findFirst().orElseThrow();
        assertThat(info.getDomain()).isEqualTo("savepoint.io");
        assertThat(info.getReason()).isEqualTo(reason.name());
        return info.getMetadataMap();
    }

    private static ErrorInfo errorInfo(Any detail) {
        try {
            return detail.unpack(ErrorInfo.class);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    long quotaUsed(String xuid) {
        return quota.getUsage(UsageRequest.newBuilder().setScope(ClipFixtures.quotaScope(xuid)).build()).getUsedBytes();
    }

    long quotaReserved(String xuid) {
        return quota.getUsage(UsageRequest.newBuilder().setScope(ClipFixtures.quotaScope(xuid)).build()).getReservedBytes();
    }

    @Test
    void grantsEveryBlockOfAPendingUploadToItsOwner() {
        String id = ClipFixtures.create(OWNER);
        UploadGrant grant = catalog.authorizeBlockUpload(block(caller(OWNER), id, EXPECTED_BLOCKS - 1, 200_000));
        assertThat(grant.getBlob().getNamespace()).isEqualTo("gameclips");
        assertThat(grant.getBlob().getKey()).isEqualTo(id + "/video");
        assertThat(grant.getUploadId()).isEqualTo(id);
        assertThat(grant.getExpectedBlocks()).isEqualTo(EXPECTED_BLOCKS);
        assertThat(grant.getFileSize()).isEqualTo(FILE_SIZE);
        assertThat(grant.getMaxBlockBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(grant.getClipState()).isEqualTo(ClipState.CLIP_STATE_PENDING_UPLOAD);
        assertThat(grant.getOwner().getFamily()).isEqualTo(StorageFamily.GAME_CLIPS);
        assertThat(grant.getOwner().getOwner()).isEqualTo(OWNER);
        assertThat(grant.getOwner().getScid()).isEqualTo(TestTitles.SCID);
        assertThat(grant.getOwner().getSandboxId()).isEqualTo(TestTitles.SANDBOX);
        assertThat(grant.getUploadExpiresAtEpochMillis()).isGreaterThan(System.currentTimeMillis());
        assertThat(catalog.authorizeBlockUpload(block(caller(OWNER), id, 0, -1)).getUploadId()).isEqualTo(id);
        assertThat(catalog.getUpload(GetUploadRequest.newBuilder().setCaller(caller(OWNER)).setGameClipId(id).build()))
                .isEqualTo(grant);
    }

    @Test
    void refusesStrangersOtherTitlesAndSandboxesAndBadBlocks() {
        String id = ClipFixtures.create(OWNER);
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(STRANGER), id, 0, 10)), Status.Code.NOT_FOUND, id);
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(OWNER), "00000000-0000-0000-0000-000000000000", 0, 10)),
                Status.Code.NOT_FOUND, "has no clip");
        assertStatus(() -> catalog.getUpload(GetUploadRequest.newBuilder().setCaller(caller(STRANGER)).setGameClipId(id).build()),
                Status.Code.NOT_FOUND, id);
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(OWNER).toBuilder().setTitleId(TestTitles.OTHER_TITLE_ID).build(),
                id, 0, 10)), Status.Code.PERMISSION_DENIED, "title " + TestTitles.TITLE_ID);
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(OWNER).toBuilder().setSandboxId("RETAIL").build(), id, 0, 10)),
                Status.Code.PERMISSION_DENIED, "sandbox XDKS.1");
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(OWNER), id, EXPECTED_BLOCKS, 10)),
                Status.Code.OUT_OF_RANGE, "numbered 0 to 6");
        assertThat(assertRefusal(() -> catalog.authorizeBlockUpload(block(caller(OWNER), id, EXPECTED_BLOCKS, 10)),
                Status.Code.OUT_OF_RANGE, RefusalReason.BLOCK_OUT_OF_RANGE))
                .containsEntry("expected_blocks", Long.toString(EXPECTED_BLOCKS));
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(OWNER), id, -1, 10)), Status.Code.OUT_OF_RANGE, "4294967295");
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(OWNER), id, 0, 2 * 1024 * 1024 + 1)),
                Status.Code.OUT_OF_RANGE, "at most 2097152 bytes");
    }

    @Test
    void aBlockLargerThanTheWholeClipIsOutOfRange() {
        String id = ClipFixtures.create(OWNER, body -> body.put("fileSize", 1000).put("expectedBlocks", 1));
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(OWNER), id, 0, 1001)), Status.Code.OUT_OF_RANGE, "fileSize 1000");
        assertThat(catalog.authorizeBlockUpload(block(caller(OWNER), id, 0, 1000)).getFileSize()).isEqualTo(1000);
    }

    @Test
    void anExpiredUploadTakesNoBlocksButStillAnswersItsState() {
        String id = ClipFixtures.create(OWNER);
        ClipFixtures.expireUpload(id);
        assertThat(assertRefusal(() -> catalog.authorizeBlockUpload(block(caller(OWNER), id, 0, 10)), Status.Code.FAILED_PRECONDITION,
                RefusalReason.UPLOAD_EXPIRED)).containsEntry("expires_at", ClipFixtures.load(id).uploadExpiresAt.toString());
        assertThat(catalog.getUpload(GetUploadRequest.newBuilder().setCaller(caller(OWNER)).setGameClipId(id).build()).getClipState())
                .isEqualTo(ClipState.CLIP_STATE_PENDING_UPLOAD);
        // still expired (410 on transfer-service) once the sweeper has failed the clip, not 409 "is Error"
        sweeper.sweep();
        assertThat(ClipFixtures.load(id).state).isEqualTo(GameClipState.Error);
        assertRefusal(() -> catalog.authorizeBlockUpload(block(caller(OWNER), id, 0, 10)), Status.Code.FAILED_PRECONDITION,
                RefusalReason.UPLOAD_EXPIRED);
    }

    @Test
    void aDeletedClipIsNotFoundForItsUpload() {
        String owner = "2533274800000114";
        String id = ClipFixtures.create(owner);
        given().header("Authorization", ClipFixtures.token(owner)).when()
                .delete("/users/me/scids/" + TestTitles.SCID + "/clips/" + id).then().statusCode(204);
        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(owner), id, 0, 10)), Status.Code.NOT_FOUND, "has no clip");
        assertStatus(() -> catalog.getUpload(GetUploadRequest.newBuilder().setCaller(caller(owner)).setGameClipId(id).build()),
                Status.Code.NOT_FOUND, "has no clip");
    }

    @Test
    void completingMovesTheClipToUploadedOnceAndCommitsTheQuota() {
        String owner = "2533274800000111";
        String id = ClipFixtures.create(owner);
        assertThat(quotaReserved(owner)).isEqualTo(FILE_SIZE);

        CompleteUploadResponse first = catalog.completeUpload(complete(id, FILE_SIZE));
        assertThat(first.getClipState()).isEqualTo(ClipState.CLIP_STATE_UPLOADED);
        assertThat(first.getCompletedNow()).isTrue();
        assertThat(quotaUsed(owner)).isEqualTo(FILE_SIZE);
        assertThat(quotaReserved(owner)).isZero();

        CompleteUploadResponse again = catalog.completeUpload(complete(id, FILE_SIZE));
        assertThat(again.getClipState()).isEqualTo(ClipState.CLIP_STATE_UPLOADED);
        assertThat(again.getCompletedNow()).isFalse();
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.uploadedAt).isNotNull();
        assertThat(clip.uploadedSize).isEqualTo(FILE_SIZE);
        assertThat(clip.uploadChecksum).isEqualTo("abc-7");

        assertStatus(() -> catalog.authorizeBlockUpload(block(caller(owner), id, 0, 10)), Status.Code.FAILED_PRECONDITION, "is Uploaded");
        assertThat(assertRefusal(() -> catalog.authorizeBlockUpload(block(caller(owner), id, 0, 10)), Status.Code.FAILED_PRECONDITION,
                RefusalReason.CLIP_NOT_PENDING_UPLOAD)).containsEntry("state", "Uploaded");
        assertThat(catalog.getUpload(GetUploadRequest.newBuilder().setCaller(caller(owner)).setGameClipId(id).build()).getClipState())
                .isEqualTo(ClipState.CLIP_STATE_UPLOADED);
    }

    @Test
    void racingCompletionsCompleteTheClipExactlyOnce() throws Exception {
        String owner = "2533274800000113";
        String id = ClipFixtures.create(owner);
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            // Every racer waits until all are ready, then all call at once.
            CountDownLatch ready = new CountDownLatch(racers);
            List<Future<CompleteUploadResponse>> answers = pool.invokeAll(IntStream.range(0, racers)
                    .<Callable<CompleteUploadResponse>>mapToObj(i -> () -> {
                        ready.countDown();
                        ready.await();
                        return catalog.completeUpload(complete(id, FILE_SIZE));
                    }).toList());
            List<CompleteUploadResponse> responses = answers.stream().map(ClipProcessingGrpcTest::get).toList();
            assertThat(responses).hasSize(racers).allSatisfy(r -> assertThat(r.getClipState()).isEqualTo(ClipState.CLIP_STATE_UPLOADED));
            assertThat(responses).filteredOn(CompleteUploadResponse::getCompletedNow).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(quotaUsed(owner)).isEqualTo(FILE_SIZE);
    }

    @Test
    void aCommittedSizeOtherThanFileSizeIsAnErrorThatGivesTheQuotaBack() {
        String owner = "2533274800000112";
        String id = ClipFixtures.create(owner);
        CompleteUploadResponse response = catalog.completeUpload(complete(id, FILE_SIZE - 1));
        assertThat(response.getClipState()).isEqualTo(ClipState.CLIP_STATE_ERROR);
        assertThat(response.getCompletedNow()).isTrue();
        assertThat(response.getErrorReason()).contains(Long.toString(FILE_SIZE - 1)).contains(Long.toString(FILE_SIZE));
        assertThat(quotaReserved(owner)).isZero();
        assertThat(quotaUsed(owner)).isZero();
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.errorAt).isNotNull();
        assertThat(clip.storageCleanupPending).isFalse();
        assertThat(catalog.completeUpload(complete(id, FILE_SIZE)).getCompletedNow()).isFalse();
        assertStatus(() -> catalog.completeUpload(complete("00000000-0000-0000-0000-000000000000", 1)), Status.Code.NOT_FOUND, "No clip");
    }

    @Test
    void thumbnailsAreGrantedAndRecordedOnlyForUploadedThumbnails() {
        String id = ClipFixtures.create(OWNER, body -> body.put("thumbnailSource", "Upload").remove("thumbnailOffsetMillseconds"));
        ThumbnailGrant grant = catalog.authorizeThumbnailUpload(thumbnail(caller(OWNER), id, ThumbnailKind.LARGE, 5000));
        assertThat(grant.getBlob().getKey()).isEqualTo(id + "/thumbnail-large");
        assertThat(grant.getMaxBytes()).isEqualTo(1024 * 1024);
        assertThat(grant.getOwner().getOwner()).isEqualTo(OWNER);
        assertThat(catalog.authorizeThumbnailUpload(thumbnail(caller(OWNER), id, ThumbnailKind.SMALL, -1)).getBlob().getKey())
                .isEqualTo(id + "/thumbnail-small");
        assertStatus(() -> catalog.authorizeThumbnailUpload(thumbnail(caller(OWNER), id, ThumbnailKind.SMALL, 1024 * 1024 + 1)),
                Status.Code.OUT_OF_RANGE, "at most 1048576 bytes");
        assertStatus(() -> catalog.authorizeThumbnailUpload(thumbnail(caller(OWNER), id, ThumbnailKind.THUMBNAIL_KIND_UNSPECIFIED, 10)),
                Status.Code.INVALID_ARGUMENT, "LARGE or SMALL");
        assertStatus(() -> catalog.authorizeThumbnailUpload(thumbnail(caller(STRANGER), id, ThumbnailKind.LARGE, 10)),
                Status.Code.NOT_FOUND, id);

        catalog.recordThumbnail(RecordThumbnailRequest.newBuilder().setGameClipId(id).setKind(ThumbnailKind.LARGE)
                .setSize(5000).setContentType("image/png").build());
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.largeThumbnailSize).isEqualTo(5000);
        assertThat(clip.largeThumbnailContentType).isEqualTo("image/png");
        assertThat(clip.smallThumbnailSize).isNull();
        assertStatus(() -> catalog.recordThumbnail(RecordThumbnailRequest.newBuilder().setGameClipId(id)
                .setKind(ThumbnailKind.SMALL).setSize(2 * 1024 * 1024).build()), Status.Code.OUT_OF_RANGE, "1048576");

        ClipFixtures.expireUpload(id);
        assertRefusal(() -> catalog.authorizeThumbnailUpload(thumbnail(caller(OWNER), id, ThumbnailKind.LARGE, 10)),
                Status.Code.FAILED_PRECONDITION, RefusalReason.UPLOAD_EXPIRED);
    }

    @Test
    void generatedThumbnailsCannotBeUploaded() {
        String id = ClipFixtures.create(OWNER);
        assertStatus(() -> catalog.authorizeThumbnailUpload(thumbnail(caller(OWNER), id, ThumbnailKind.LARGE, 10)),
                Status.Code.FAILED_PRECONDITION, "thumbnailSource Offset");
        assertStatus(() -> catalog.recordThumbnail(RecordThumbnailRequest.newBuilder().setGameClipId(id)
                .setKind(ThumbnailKind.LARGE).setSize(10).build()), Status.Code.FAILED_PRECONDITION, "generated");
    }

    static CompleteUploadRequest complete(String id, long size) {
        return CompleteUploadRequest.newBuilder().setGameClipId(id).setSize(size).setChecksum("abc-7").build();
    }

    static AuthorizeThumbnailUploadRequest thumbnail(ClipCaller caller, String id, ThumbnailKind kind, long size) {
        return AuthorizeThumbnailUploadRequest.newBuilder().setCaller(caller).setGameClipId(id).setKind(kind).setSize(size).build();
    }
}
