package io.savepoint.metadata.clips.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.grpc.v1.ClipCatalogGrpc;
import io.savepoint.grpc.v1.CompleteUploadRequest;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipSource;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.metadata.clips.ThumbnailSource;
import io.savepoint.metadata.clips.lifecycle.ClipExpirySweeper;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/**
 * storage-service down (the test profile points the storage client at port 1): nothing is half done. A completion
 * fails UNAVAILABLE and leaves the clip PendingUpload for the retry; an expired upload becomes Error but keeps its
 * cleanup pending, and later sweeps keep trying instead of failing.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class ClipCatalogWithoutStorageTest {

    @GrpcClient("clip-catalog")
    ClipCatalogGrpc.ClipCatalogBlockingStub catalog;

    @Inject
    ClipExpirySweeper sweeper;

    /** A PendingUpload clip stored directly: without storage-service the POST cannot reserve its quota. */
    static String pendingClip() {
        GameClip clip = new GameClip();
        clip.gameClipId = UUID.randomUUID().toString();
        clip.ownerXuid = ClipFixtures.OWNER;
        clip.titleId = TestTitles.TITLE_ID;
        clip.scid = TestTitles.SCID;
        clip.sandboxId = TestTitles.SANDBOX;
        clip.deviceType = "XboxOne";
        clip.deviceId = "dev-device";
        clip.state = GameClipState.PendingUpload;
        clip.dateRecorded = Instant.now();
        clip.durationInSeconds = 10;
        clip.expectedBlocks = 1;
        clip.fileSize = 100;
        clip.types = "UserGenerated";
        clip.source = GameClipSource.Console;
        clip.visibility = GameClipVisibility.Default;
        clip.usersInSession = List.of();
        clip.thumbnailSource = ThumbnailSource.Default;
        clip.quotaReservationId = clip.gameClipId;
        clip.requestFingerprint = "0".repeat(64);
        clip.createdAt = Instant.now();
        clip.lastModifiedAt = clip.createdAt;
        clip.uploadExpiresAt = clip.createdAt.plusSeconds(3600);
        QuarkusTransaction.requiringNew().run(clip::persist);
        return clip.gameClipId;
    }

    @Test
    void aCompletionThatCannotCommitTheQuotaChangesNothing() {
        String id = pendingClip();
        assertThatThrownBy(() -> catalog.completeUpload(CompleteUploadRequest.newBuilder().setGameClipId(id).setSize(100).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.state).isEqualTo(GameClipState.PendingUpload);
        assertThat(clip.uploadedAt).isNull();
    }

    @Test
    void anExpiredUploadKeepsItsCleanupPendingUntilStorageAnswers() {
        String id = pendingClip();
        GameClip clip = ClipFixtures.expireAndSweep(sweeper, id);
        assertThat(clip.storageCleanupPending).isTrue();

        assertThat(sweeper.sweep()).isZero();
        assertThat(ClipFixtures.load(id).storageCleanupPending).isTrue();
    }
}
