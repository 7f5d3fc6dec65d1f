package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.testing.ServicePeer;

/** storage-service restarts in the middle of an upload; the console's retries finish it with the right bytes. */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class StorageRestartTest {

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @AllPeersResource.StoragePeer
    ServicePeer storage;

    @Test
    void anUploadSurvivesARestartOfStorageBetweenTwoBlocks() {
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000401", video.length, 3, n -> {});
        List<byte[]> blocks = TestClips.split(video, 3);
        TestClips.putBlock(clip, 0, blocks.get(0)).then().statusCode(202);

        storage.restart();

        assertEquals(202, putRetryingWhileUnavailable(clip, 1, blocks.get(1)));
        assertEquals(201, putRetryingWhileUnavailable(clip, 2, blocks.get(2)));
        assertEquals("Published", TestClips.awaitProcessed(clip, ClipPipelineTest.PROCESSING));
        JsonPath published = TestClips.gameClip(metadataUrl, clip);
        byte[] downloaded = given().when().get(TestClips.pathAndQuery(TestClips.uriWhere(published, "gameClipUris", "uriType", "Download")))
                .then().statusCode(200).extract().asByteArray();
        assertEquals(TestClips.sha256(video), TestClips.sha256(downloaded));
    }

    /** What a console does: a 503 is retried after its Retry-After, for up to a minute. */
    private static int putRetryingWhileUnavailable(TestClips.Clip clip, int n, byte[] block) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response response = TestClips.putBlock(clip, n, block);
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                return response.statusCode();
            }
            TestClips.sleep(1000);
        }
    }
}
