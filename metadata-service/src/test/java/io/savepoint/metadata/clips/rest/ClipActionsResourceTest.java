package io.savepoint.metadata.clips.rest;

import static io.restassured.RestAssured.given;
import static io.savepoint.metadata.clips.ClipFixtures.OWNER;
import static io.savepoint.metadata.clips.ClipFixtures.STRANGER;
import static io.savepoint.metadata.clips.ClipFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.BlobStoreGrpc;
import io.savepoint.grpc.v1.ClipCatalogGrpc;
import io.savepoint.grpc.v1.ClipState;
import io.savepoint.grpc.v1.CompleteUploadRequest;
import io.savepoint.grpc.v1.CompleteUploadResponse;
import io.savepoint.grpc.v1.QuotaGrpc;
import io.savepoint.grpc.v1.RecordThumbnailRequest;
import io.savepoint.grpc.v1.ThumbnailKind;
import io.savepoint.grpc.v1.UsageRequest;
import io.savepoint.metadata.clips.CatalogRows;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.metadata.clips.StoragePeerResource;
import io.savepoint.metadata.clips.StoredBlobs;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/** Update, delete, ratings, views and flags of one clip, against a real storage-service for bytes and quota. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
@WithTestResource(StoragePeerResource.class)
class ClipActionsResourceTest {

    @GrpcClient("clip-catalog")
    ClipCatalogGrpc.ClipCatalogBlockingStub catalog;

    @GrpcClient("storage")
    QuotaGrpc.QuotaBlockingStub quota;

    @GrpcClient("storage")
    BlobStoreGrpc.BlobStoreBlockingStub blobs;

    static String path(String owner, String id) {
        return "/users/" + owner + "/scids/" + TestTitles.SCID + "/clips/" + id;
    }

    static ValidatableResponse post(String caller, String path, String body) {
        return given().header("Authorization", token(caller)).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    static ValidatableResponse post(String caller, String path) {
        return given().header("Authorization", token(caller)).when().post(path).then();
    }

    long usedBytes(String xuid) {
        var usage = quota.getUsage(UsageRequest.newBuilder().setScope(ClipFixtures.quotaScope(xuid)).build());
        return usage.getUsedBytes() + usage.getReservedBytes();
    }

    @Test
    void theOwnerUpdatesCaptionVisibilityAndTitleDataAllOrNothing() {
        String id = CatalogRows.insert(OWNER, 1).get(0);
        Instant before = ClipFixtures.load(id).lastModifiedAt;
        post(OWNER, path("me", id), "{\"userCaption\":\"I've changed this 100 Times!\",\"visibility\":\"Owner\",\"titleData\":\"{}\"}")
                .statusCode(200).body("gameClip.userCaption", equalTo("I've changed this 100 Times!"))
                .body("gameClip.visibility", equalTo("Owner")).body("gameClip.titleData", equalTo("{}"));
        GameClip updated = ClipFixtures.load(id);
        assertThat(updated.lastModifiedAt).isAfter(before);

        post(OWNER, path("me", id), "{\"userCaption\":\"fine\",\"visibility\":\"Everybody\"}").statusCode(400)
                .body("errorMessage", containsString("visibility"));
        post(OWNER, path("me", id), "{\"userCaption\":\"" + "x".repeat(251) + "\"}").statusCode(400)
                .body("errorMessage", containsString("userCaption is 251 characters"));
        post(OWNER, path("me", id), "{\"titleData\":\"" + "x".repeat(10 * 1024 + 1) + "\"}").statusCode(400)
                .body("errorMessage", containsString("titleData"));
        post(OWNER, path("me", id), "{\"views\":1000}").statusCode(400).body("errorMessage", containsString("views cannot be changed"));
        post(OWNER, path("me", id), "{}").statusCode(400);
        post(OWNER, path("me", id), "{not json").statusCode(400).body("errorMessage", containsString("Malformed JSON"));
        assertThat(ClipFixtures.load(id).userCaption).isEqualTo("I've changed this 100 Times!");

        post(STRANGER, path("xuid(" + OWNER + ")", id), "{\"userCaption\":\"mine now\"}").statusCode(403)
                .body("errorMessage", containsString("Only the owner"));
        post(STRANGER, path("me", id), "{\"userCaption\":\"mine now\"}").statusCode(404);
        given().header("Authorization", token(STRANGER)).when().delete(path("me", id)).then().statusCode(404);
        assertThat(ClipFixtures.load(id).userCaption).isEqualTo("I've changed this 100 Times!");
    }

    @Test
    void deleteRemovesTheBytesAndGivesTheQuotaBackThenAnswers404() {
        String owner = "2533274800000401";
        String id = ClipFixtures.uploaded(catalog, owner, body -> {});
        BlobRef video = StoredBlobs.store(blobs, id, "video", new byte[] {1, 2, 3});
        assertThat(usedBytes(owner)).isEqualTo(ClipFixtures.FILE_SIZE);

        given().header("Authorization", token(owner)).when().delete(path("me", id)).then().statusCode(204);
        assertThat(StoredBlobs.exists(blobs, video)).isFalse();
        assertThat(usedBytes(owner)).isZero();
        GameClip deleted = ClipFixtures.load(id);
        assertThat(deleted.state).isEqualTo(GameClipState.Deleted);
        assertThat(deleted.storageCleanupPending).isFalse();

        given().header("Authorization", token(owner)).when().delete(path("me", id)).then().statusCode(404);
        given().header("Authorization", token(owner)).when().get(path("me", id)).then().statusCode(404);
        assertThat(given().header("Authorization", token(owner)).when().get("/users/me/clips").then().statusCode(200)
                .extract().<List<Object>>path("gameClips")).isEmpty();
    }

    @Test
    void aCommitThatRacedTheOwnersDeleteLeavesNoBytesBehind() {
        String owner = "2533274800000402";
        String id = ClipFixtures.create(owner);
        given().header("Authorization", token(owner)).when().delete(path("me", id)).then().statusCode(204);
        // The last block was authorized before the DELETE and committed after its cleanup.
        BlobRef video = StoredBlobs.store(blobs, id, "video", new byte[] {1, 2, 3});

        CompleteUploadResponse completion = catalog.completeUpload(CompleteUploadRequest.newBuilder().setGameClipId(id).setSize(3)
                .setChecksum("abc-1").build());
        assertThat(completion.getClipState()).isEqualTo(ClipState.CLIP_STATE_DELETED);
        assertThat(completion.getCompletedNow()).isFalse();
        assertThat(StoredBlobs.exists(blobs, video)).isFalse();
        assertThat(ClipFixtures.load(id).storageCleanupPending).isFalse();
        assertThat(usedBytes(owner)).isZero();
    }

    @Test
    void aThumbnailThatRacedTheOwnersDeleteLeavesNoBytesBehind() {
        String owner = "2533274800000403";
        String id = ClipFixtures.create(owner, body -> body.put("thumbnailSource", "Upload").remove("thumbnailOffsetMillseconds"));
        given().header("Authorization", token(owner)).when().delete(path("me", id)).then().statusCode(204);
        // The thumbnail's PUT was authorized before the DELETE and committed after its cleanup.
        BlobRef thumbnail = StoredBlobs.store(blobs, id, "thumbnail-large", new byte[] {7, 8, 9});

        assertThatThrownBy(() -> catalog.recordThumbnail(RecordThumbnailRequest.newBuilder().setGameClipId(id)
                .setKind(ThumbnailKind.LARGE).setSize(3).setContentType("image/png").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("is Deleted");
                });
        assertThat(StoredBlobs.exists(blobs, thumbnail)).isFalse();
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.storageCleanupPending).isFalse();
        assertThat(clip.largeThumbnailSize).isNull();
    }

    @Test
    void ratingsAreOnePerRaterAndAveraged() {
        String id = CatalogRows.insert(OWNER, 1).get(0);
        post("2533274800000411", path("xuid(" + OWNER + ")", id) + "/ratings/5").statusCode(200)
                .body("rating", equalTo(5.0f)).body("ratingCount", equalTo(1));
        post("2533274800000412", path("xuid(" + OWNER + ")", id) + "/ratings/2").statusCode(200)
                .body("rating", equalTo(3.5f)).body("ratingCount", equalTo(2));
        post("2533274800000411", path("xuid(" + OWNER + ")", id) + "/ratings/3").statusCode(200)
                .body("rating", equalTo(2.5f)).body("ratingCount", equalTo(2));
        post("2533274800000411", path("xuid(" + OWNER + ")", id) + "/ratings/0").statusCode(400)
                .body("errorMessage", containsString("1 to 5"));
        post("2533274800000411", path("xuid(" + OWNER + ")", id) + "/ratings/6").statusCode(400);
        post("2533274800000411", path("xuid(" + OWNER + ")", id) + "/ratings/five").statusCode(400);
        given().header("Authorization", token(OWNER)).get(path("me", id)).then().statusCode(200)
                .body("gameClip.rating", equalTo(2.5f)).body("gameClip.ratingCount", equalTo(2));
    }

    @Test
    void concurrentViewsAreAllCounted() throws Exception {
        String id = CatalogRows.insert(OWNER, 1).get(0);
        // read once first: the clip's JSON is reused between reads, and must not outlive a change of the row
        given().header("Authorization", token(OWNER)).get(path("me", id)).then().statusCode(200).body("gameClip.views", equalTo(0));
        int views = 200;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < views; i++) {
                calls.add(pool.submit(() -> post(STRANGER, path("xuid(" + OWNER + ")", id) + "/views").extract().statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(ClipFixtures.load(id).views).isEqualTo(views);
        given().header("Authorization", token(OWNER)).get(path("me", id)).then().statusCode(200).body("gameClip.views", equalTo(views));
        given().header("Authorization", token(OWNER)).get("/users/me/clips").then().statusCode(200)
                .body("gameClips.find { it.gameClipId == '" + id + "' }.views", equalTo(views));
        String ownerOnly = CatalogRows.insert(OWNER, 1, clip -> clip.visibility = GameClipVisibility.Owner)
                .get(0);
        post(STRANGER, path("xuid(" + OWNER + ")", ownerOnly) + "/views").statusCode(404);
    }

    @Test
    void aFlaggedClipIsHiddenUntilAnOperatorClearsIt() {
        String owner = "2533274800000421";
        String id = CatalogRows.insert(owner, 1).get(0);
        String publicList = "/public/scids/" + TestTitles.SCID + "/clips?maxItems=100";
        post(STRANGER, path("xuid(" + owner + ")", id) + "/flag").statusCode(200);
        post(STRANGER, path("xuid(" + owner + ")", id) + "/flag").statusCode(404);
        given().header("Authorization", token(STRANGER)).get(path("xuid(" + owner + ")", id)).then().statusCode(404);
        assertThat(given().header("Authorization", token(STRANGER)).get(publicList).then().statusCode(200)
                .extract().<List<String>>path("gameClips.gameClipId")).doesNotContain(id);

        String operator = "Bearer " + DevTokens.operator().sign();
        given().header("Authorization", token(STRANGER)).get("/admin/clip-flags").then().statusCode(403);
        given().header("Authorization", operator).get("/admin/clip-flags").then().statusCode(200)
                .body("find { it.gameClipId == '" + id + "' }.openReports", equalTo(1));
        given().header("Authorization", operator).contentType(ContentType.JSON).body("{\"resolution\":\"Maybe\"}")
                .post("/admin/clip-flags/" + id).then().statusCode(400);
        given().header("Authorization", operator).contentType(ContentType.JSON).body("{\"resolution\":\"Cleared\"}")
                .post("/admin/clip-flags/" + id).then().statusCode(200).body("reportsResolved", equalTo(1));
        given().header("Authorization", token(STRANGER)).get(path("xuid(" + owner + ")", id)).then().statusCode(200);
        assertThat(given().header("Authorization", token(STRANGER)).get(publicList).then().statusCode(200)
                .extract().<List<String>>path("gameClips.gameClipId")).contains(id);
        given().header("Authorization", operator).contentType(ContentType.JSON).body("{\"resolution\":\"Cleared\"}")
                .post("/admin/clip-flags/" + id).then().statusCode(404);
    }

    @Test
    void retentionKeepsTheNewestUnsavedClipsPerTitleAndNeverSavedOnes() {
        String owner = "2533274800000431";
        AtomicInteger age = new AtomicInteger(1000);
        List<String> saved = CatalogRows.insert(owner, 2, clip -> {
            clip.savedByUser = true;
            clip.createdAt = clip.createdAt.minusSeconds(age.getAndDecrement());
        });
        List<String> unsaved = CatalogRows.insert(owner, 100, clip -> clip.createdAt = clip.createdAt.minusSeconds(age.getAndDecrement()));
        String otherTitle = CatalogRows.insert(owner, 1, clip -> {
            clip.titleId = TestTitles.OTHER_TITLE_ID;
            clip.createdAt = clip.createdAt.minusSeconds(5000);
        }).get(0);

        String newest = ClipFixtures.create(owner);

        assertThat(ClipFixtures.load(unsaved.get(0)).deletedAt).isNotNull();
        assertThat(ClipFixtures.load(unsaved.get(1)).deletedAt).isNull();
        assertThat(ClipFixtures.load(newest).deletedAt).isNull();
        assertThat(ClipFixtures.load(otherTitle).deletedAt).isNull();
        saved.forEach(id -> assertThat(ClipFixtures.load(id).deletedAt).isNull());
        List<String> listed = given().header("Authorization", token(owner)).when().get("/users/me/clips?maxItems=100&skipItems=4")
                .then().statusCode(200).extract().path("gameClips.gameClipId");
        assertThat(listed).hasSize(100 + 2 + 1 + 1 - 1 - 4);
    }

    @Test
    void retentionDeletesFailedClipsBeforeStoredOnes() {
        String owner = "2533274800000432";
        AtomicInteger age = new AtomicInteger(1000);
        List<String> stored = CatalogRows.insert(owner, 99, clip -> clip.createdAt = clip.createdAt.minusSeconds(age.getAndDecrement()));
        String failed = CatalogRows.insert(owner, 1, clip -> {
            clip.state = GameClipState.Error;
            clip.createdAt = clip.createdAt.minusSeconds(10);
        }).get(0);

        String newest = ClipFixtures.create(owner);

        assertThat(ClipFixtures.load(failed).deletedAt).isNotNull();
        stored.forEach(id -> assertThat(ClipFixtures.load(id).deletedAt).as("stored clip %s", id).isNull());
        assertThat(ClipFixtures.load(newest).deletedAt).isNull();
    }
}
