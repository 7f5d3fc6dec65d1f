package io.savepoint.metadata.clips;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.savepoint.grpc.v1.ClaimProcessingRequest;
import io.savepoint.grpc.v1.ClipCaller;
import io.savepoint.grpc.v1.ClipCatalogGrpc;
import io.savepoint.grpc.v1.CompleteUploadRequest;
import io.savepoint.grpc.v1.OwnerScope;
import io.savepoint.grpc.v1.ProcessingWork;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.metadata.clips.lifecycle.ClipExpirySweeper;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.InitialUploadRequests;
import io.savepoint.testing.TestTitles;

/** Clips created through the real initial upload request (POST), and the callers that own them. */
public final class ClipFixtures {

    public static final String OWNER = "2533274800000101";
    public static final String STRANGER = "2533274800000102";
    /** The docs' example request: 7 blocks, 1234567 bytes, thumbnail at 20 s. */
    public static final long FILE_SIZE = 1234567;
    public static final int EXPECTED_BLOCKS = 7;

    private ClipFixtures() {
    }

    public static String token(String xuid) {
        return token(xuid, TestTitles.SANDBOX);
    }

    public static String token(String xuid, String sandbox) {
        return "XBL3.0 x=-;" + DevTokens.user(xuid, TestTitles.TITLE_ID, sandbox).sign();
    }

    public static ClipCaller caller(String xuid) {
        return ClipCaller.newBuilder().setXuid(xuid).setTitleId(TestTitles.TITLE_ID).setSandboxId(TestTitles.SANDBOX)
                .setDeviceType("XboxOne").setDeviceId("dev-device-" + xuid).build();
    }

    public static OwnerScope quotaScope(String xuid) {
        return OwnerScope.newBuilder().setSandboxId(TestTitles.SANDBOX).setScid(TestTitles.SCID)
                .setFamily(StorageFamily.GAME_CLIPS).setOwner(xuid).build();
    }

    /** Creates a clip of {@code owner} from the docs' example request, changed by {@code change}; answers its id. */
    public static String create(String owner, Consumer<ObjectNode> change) {
        return given().header("Authorization", token(owner)).contentType(ContentType.JSON)
                .body(InitialUploadRequests.body(change))
                .when().post("/users/me/scids/" + TestTitles.SCID + "/clips")
                .then().statusCode(200).extract().path("gameClipId");
    }

    public static String create(String owner) {
        return create(owner, body -> {});
    }

    /** A clip of {@code owner} whose blocks were all committed (CompleteUpload with the announced size): Uploaded. */
    public static String uploaded(ClipCatalogGrpc.ClipCatalogBlockingStub catalog, String owner, Consumer<ObjectNode> change) {
        String id = create(owner, change);
        catalog.completeUpload(CompleteUploadRequest.newBuilder().setGameClipId(id)
                .setSize(load(id).fileSize).setChecksum("checksum-1").build());
        return id;
    }

    /** Claims until this worker holds the given clip (other tests' Uploaded clips are taken along the way). */
    public static ProcessingWork claim(ClipCatalogGrpc.ClipCatalogBlockingStub catalog, String workerId, String gameClipId) {
        while (true) {
            ProcessingWork work = catalog.claimProcessing(ClaimProcessingRequest.newBuilder().setWorkerId(workerId).build());
            if (!work.getHasWork()) {
                throw new AssertionError("Clip " + gameClipId + " was never offered for processing");
            }
            if (work.getGameClipId().equals(gameClipId)) {
                return work;
            }
        }
    }

    /** Takes every clip waiting for processing, so a test starts with none. */
    public static void drainProcessing(ClipCatalogGrpc.ClipCatalogBlockingStub catalog) {
        while (catalog.claimProcessing(ClaimProcessingRequest.newBuilder().setWorkerId("drain").build()).getHasWork()) {
            // taken
        }
    }

    /** Moves the clip's upload deadline into the past, as if a day had gone by. */
    public static void expireUpload(String gameClipId) {
        QuarkusTransaction.requiringNew().run(() -> GameClip.update("uploadExpiresAt = ?1 where gameClipId = ?2",
                Instant.now().minusSeconds(1), gameClipId));
    }

    /**
     * Expires the clip's upload ({@link #expireUpload}) and sweeps once: the sweep expires that clip alone, which is then
     * Error ("upload expired"). Answers the clip as stored after the sweep.
     */
    public static GameClip expireAndSweep(ClipExpirySweeper sweeper, String gameClipId) {
        expireUpload(gameClipId);
        assertThat(sweeper.sweep()).isEqualTo(1);
        GameClip clip = load(gameClipId);
        assertThat(clip.state).isEqualTo(GameClipState.Error);
        assertThat(clip.errorReason).isEqualTo("upload expired");
        return clip;
    }

    /** Moves the clip's processing lease into the past, as if its worker had died. */
    public static void expireLease(String gameClipId) {
        QuarkusTransaction.requiringNew().run(() -> GameClip.update("processingLeaseExpiresAt = ?1 where gameClipId = ?2",
                Instant.now().minusSeconds(1), gameClipId));
    }

    public static GameClip load(String gameClipId) {
        return QuarkusTransaction.requiringNew().call(() -> GameClip.<GameClip>findById(gameClipId));
    }
}
