package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.TestTitles;

/** Each bad upload or download is a clear 4xx naming the problem, and leaves nothing stored. */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class BadUploadsTest {

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @ConfigProperty(name = "savepoint.download-uris.secret")
    String downloadSecret;

    /** Nothing of the upload is stored: the owner's status lists no block. */
    private static void assertNothingStored(TestClips.Clip clip) {
        TestClips.as(clip.xuid()).when().get(clip.uploadPath()).then().statusCode(200)
                .body("receivedBlocks", equalTo(List.of())).body("receivedBytes", equalTo(0));
    }

    @Test
    void aBlockNumberOutOfRangeOrMissingIs400() {
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000301", 7000, 7, n -> {});
        TestClips.putBlock(clip, 7, new byte[1000]).then().statusCode(400).body("errorCode", equalTo(4000))
                .body("errorMessage", containsString("7"));
        TestClips.as(clip.xuid()).body(new byte[1000]).when().put(clip.uploadPath())
                .then().statusCode(400).body("errorMessage", containsString("blockNum is required"));
        TestClips.as(clip.xuid()).body(new byte[1000]).queryParam("blockNum", "first").when().put(clip.uploadPath())
                .then().statusCode(400).body("errorMessage", containsString("blockNum"));
        TestClips.as(clip.xuid()).body(new byte[1000]).queryParam("blockNum", 0).queryParam("uploadId", "another").when()
                .put(clip.uploadPath()).then().statusCode(400).body("errorMessage", containsString("uploadId"));
        assertNothingStored(clip);
    }

    @Test
    void aBlockLargerThanTwoMibOrBeyondTheFileSizeIs400() {
        TestClips.Clip big = TestClips.start(metadataUrl, "2533274800000302", 5L << 20, 3, n -> {});
        TestClips.putBlock(big, 0, new byte[(2 << 20) + 1]).then().statusCode(400).body("errorMessage", containsString("2097152"));
        assertNothingStored(big);

        TestClips.Clip small = TestClips.start(metadataUrl, "2533274800000303", 100, 2, n -> {});
        TestClips.putBlock(small, 0, new byte[60]).then().statusCode(202);
        TestClips.putBlock(small, 1, new byte[60]).then().statusCode(400).body("errorMessage", containsString("fileSize of 100"));
        TestClips.as(small.xuid()).when().get(small.uploadPath()).then().statusCode(200).body("receivedBlocks", equalTo(List.of(0)));
        // the right size completes it; a sum short of fileSize would fail the clip at commit
        TestClips.putBlock(small, 1, new byte[40]).then().statusCode(201);
    }

    @Test
    void anEmptyBlockIs400EvenWithoutContentLength() throws Exception {
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000304", 100, 2, n -> {});
        TestClips.putBlock(clip, 0, new byte[0]).then().statusCode(400).body("errorMessage", containsString("empty"));
        // chunked, so no Content-Length says it is empty: only the body's end does
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + clip.uploadPath() + "?blockNum=1"))
                .header("Authorization", TestClips.auth(clip.xuid())).header("x-xbl-contract-version", "1")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[0]))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, chunked.statusCode(), chunked.body());
        assertThat(chunked.body()).contains("The request body is empty");
        assertNothingStored(clip);
    }

    @Test
    void blocksShortOfTheFileSizeFailTheClipNamingTheSizes() {
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000304", 100, 2, n -> {});
        TestClips.putBlock(clip, 0, new byte[30]).then().statusCode(202);
        TestClips.putBlock(clip, 1, new byte[30]).then().statusCode(400).body("errorMessage", containsString("60"))
                .body("errorMessage", containsString("100"));
    }

    @Test
    void anotherUsersUploadUriIs403AndAnotherUsersClip404() {
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000305", 1000, 1, n -> {});
        TestClips.as("2533274800000306").body(new byte[1000]).queryParam("blockNum", 0).when().put(clip.uploadPath())
                .then().statusCode(403).body("errorCode", equalTo(4500)).body("errorMessage", containsString("2533274800000305"));
        TestClips.as("2533274800000306").body(new byte[1000]).queryParam("blockNum", 0).when()
                .put(clip.uploadPath().replace("2533274800000305", "2533274800000306")).then().statusCode(404);
        TestClips.as("2533274800000306").when().get(clip.uploadPath()).then().statusCode(403);
        given().body(new byte[1000]).when().put(clip.uploadPath()).then().statusCode(401);
        assertNothingStored(clip);
    }

    @Test
    void aTokenExpiredByMoreThanTheClockSkewIs401AndOneWithinItIsAccepted() {
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000311", 1000, 1, n -> {});
        DevTokens owner = DevTokens.user(clip.xuid(), TestTitles.TITLE_ID, TestTitles.SANDBOX);
        given().header("Authorization", "XBL3.0 x=-;" + owner.expiredFor(DevTokens.TEST_CLOCK_SKEW.plusSeconds(1)).sign())
                .when().get(clip.uploadPath()).then().statusCode(401).body("errorCode", equalTo(4500));
        given().header("Authorization", "XBL3.0 x=-;" + owner.expiredFor(Duration.ofSeconds(2)).sign())
                .when().get(clip.uploadPath()).then().statusCode(200).body("gameClipId", equalTo(clip.gameClipId()));
    }

    @Test
    void aContentMd5MismatchIs400AndTheBlockIsNotStored() {
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000307", 2000, 2, n -> {});
        TestClips.as(clip.xuid()).header("Content-MD5", TestClips.md5Base64(new byte[] {1})).body(new byte[1000]).queryParam("blockNum", 0)
                .when().put(clip.uploadPath()).then().statusCode(400).body("errorMessage", containsString("Content-MD5"));
        TestClips.as(clip.xuid()).header("Content-MD5", "not-a-digest").body(new byte[1000]).queryParam("blockNum", 0)
                .when().put(clip.uploadPath()).then().statusCode(400).body("errorMessage", containsString("Content-MD5"));
        assertNothingStored(clip);
    }

    @Test
    void anUnknownClipIs404() {
        String xuid = "2533274800000308";
        TestClips.as(xuid).body(new byte[10]).queryParam("blockNum", 0).when()
                .put("/upload/xuid(" + xuid + ")/" + UUID.randomUUID() + "/container").then().statusCode(404)
                .body("errorCode", equalTo(4040));
        TestClips.as(xuid).when().get("/upload/xuid(" + xuid + ")/" + UUID.randomUUID() + "/container").then().statusCode(404);
        TestClips.as(xuid).body(new byte[10]).when().put("/upload/" + xuid + "/" + UUID.randomUUID() + "/container").then().statusCode(404);
    }

    @Test
    void thumbnailsOfAClipThatGeneratesThemAre409() throws Exception {
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000309", 1000, 1, n -> {});
        TestClips.as(clip.xuid()).body(ClipPipelineTest.jpeg(370, 208)).when().put(clip.uploadPath() + "/thumbnails/small")
                .then().statusCode(409).body("errorMessage", containsString("thumbnailSource"));
    }

    @Test
    void aFileThatIsNotAVideoEndsInError() {
        byte[] junk = new byte[300_000];
        new Random(4).nextBytes(junk);
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000310", junk.length, 1, n -> {});
        TestClips.as(clip.xuid()).body(junk).when().put(clip.uploadPath()).then().statusCode(201);
        assertEquals("Error", TestClips.awaitProcessed(clip, Duration.ofSeconds(60)));
    }

    @Test
    void tamperedAndExpiredDownloadUrisAre403AndAMissingAsset404() {
        String clipId = UUID.randomUUID().toString();
        ClipAssetUris uris = new ClipAssetUris(downloadSecret, Clock.systemUTC());
        String valid = TestClips.pathAndQuery(uris.sign("http://t", clipId, ClipAssetUris.Asset.VIDEO, Instant.now().plusSeconds(60)));
        given().when().get(valid).then().statusCode(404).body("errorMessage", containsString(clipId));
        given().when().get(valid.replace("/video?", "/thumbnail-large?")).then().statusCode(403).body("errorMessage",
                containsString("not valid"));
        given().when().get(valid.replaceAll("se=\\d+", "se=9999999999")).then().statusCode(403).body("errorMessage",
                containsString("not valid"));
        given().when().get(valid.substring(0, valid.indexOf('?'))).then().statusCode(403);
        String expired = TestClips.pathAndQuery(uris.sign("http://t", clipId, ClipAssetUris.Asset.VIDEO, Instant.now().minusSeconds(1)));
        given().when().get(expired).then().statusCode(403).body("errorMessage", containsString("expired"))
                .body("errorMessage", containsString("fetch the clip again"));
        given().when().head(expired).then().statusCode(403);
    }
}
