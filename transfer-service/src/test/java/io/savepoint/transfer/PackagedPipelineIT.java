package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.testing.ProductionProfileResource;
import io.savepoint.testing.ServicePeer;

/**
 * The packaged transfer-service (the jar here, the native executable with -Pnative) in the production profile, between
 * the packaged metadata-service and storage-service: a real video uploaded in blocks, processed with ffmpeg, published
 * and downloaded. Catches what only the packaged artifact can get wrong (configuration, reflection, resources).
 */
@QuarkusIntegrationTest
@WithTestResource(AllPeersResource.class)
@WithTestResource(ProductionProfileResource.class)
class PackagedPipelineIT {

    @AllPeersResource.MetadataPeer
    ServicePeer metadata;

    @Test
    void aVideoUploadedInBlocksIsPublishedAndDownloadsByteForByte() {
        given().when().get("/q/health/ready").then().statusCode(200);
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(metadata.httpUrl(), "2533274800000901", video.length, 3, n -> {});
        List<byte[]> blocks = TestClips.split(video, 3);
        TestClips.putBlock(clip, 2, blocks.get(2)).then().statusCode(202);
        TestClips.putBlock(clip, 0, blocks.get(0)).then().statusCode(202);
        TestClips.putBlock(clip, 1, blocks.get(1)).then().statusCode(201);
        TestClips.putBlock(clip, 1, blocks.get(1)).then().statusCode(409).body("errorMessage", containsString(clip.gameClipId()));

        assertEquals("Published", TestClips.awaitProcessed(clip, Duration.ofSeconds(90)));
        JsonPath published = TestClips.gameClip(metadata.httpUrl(), clip);
        String download = TestClips.pathAndQuery(TestClips.uriWhere(published, "gameClipUris", "uriType", "Download"));
        byte[] whole = given().when().get(download).then().statusCode(200).contentType("video/mp4").extract().asByteArray();
        assertEquals(TestClips.sha256(video), TestClips.sha256(whole));
        byte[] range = given().header("Range", "bytes=100-299").when().get(download).then().statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(video, 100, 300), range);
        given().when().get(TestClips.pathAndQuery(TestClips.uriWhere(published, "thumbnails", "thumbnailType", "Small")))
                .then().statusCode(200).contentType("image/jpeg");
    }

    @Test
    void anUnknownClipIsAClear404AndMetricsAreServed() {
        String xuid = "2533274800000902";
        TestClips.as(xuid).contentType("application/octet-stream").body(new byte[10]).queryParam("blockNum", 0).when()
                .put("/upload/xuid(" + xuid + ")/" + UUID.randomUUID() + "/container").then().statusCode(404)
                .body("errorCode", equalTo(4040)).body("errorMessage", containsString("clip"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
    }
}
