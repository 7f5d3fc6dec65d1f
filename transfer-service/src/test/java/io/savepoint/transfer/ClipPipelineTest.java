package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.savepoint.testing.AllPeersResource;

/**
 * The whole GameClips pipeline against the real metadata-service and storage-service: initial request, blocks in
 * parallel, exactly one 201, processing with ffmpeg, Published, and the signed downloads (whole, ranges, HEAD, ETag).
 */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class ClipPipelineTest {

    static final int BLOCKS = 7;
    static final Duration PROCESSING = Duration.ofSeconds(90);

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @Test
    void aRealVideoInSevenParallelBlocksIsPublishedAndDownloadsByteForByte() throws Exception {
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000201", video.length, BLOCKS, n -> {});
        List<byte[]> blocks = TestClips.split(video, BLOCKS);
        assertEquals(BLOCKS, blocks.size());

        ExecutorService pool = Executors.newFixedThreadPool(BLOCKS);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> puts = new ArrayList<>();
            for (int n = 0; n < BLOCKS; n++) {
                int blockNum = n;
                // half the blocks carry Content-MD5 as RFC 1864 base64, one as hex, the rest none
                puts.add(() -> {
                    var request = TestClips.as(clip.xuid()).contentType("application/octet-stream").body(blocks.get(blockNum))
                            .queryParam("blockNum", blockNum);
                    if (blockNum % 2 == 0) {
                        request.header("Content-MD5", TestClips.md5Base64(blocks.get(blockNum)));
                    } else if (blockNum == 1) {
                        request.header("Content-MD5", HexFormat.of().formatHex(
                                MessageDigest.getInstance("MD5").digest(blocks.get(blockNum))));
                    }
                    return request.when().put(clip.uploadPath()).then().log().ifValidationFails().extract().statusCode();
                });
            }
            for (Future<Integer> f : pool.invokeAll(puts)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "exactly one 201: " + statuses);
        assertEquals(BLOCKS - 1, statuses.stream().filter(s -> s == 202).count(), "202 for the others: " + statuses);

        // a late retry of a block finds the upload complete
        TestClips.putBlock(clip, 3, blocks.get(3)).then().statusCode(409).body("errorMessage", containsString(clip.gameClipId()));
        TestClips.as(clip.xuid()).when().get(clip.uploadPath()).then().statusCode(200)
                .body("receivedBlocks.size()", equalTo(BLOCKS)).body("missingBlocks.size()", equalTo(0))
                .body("receivedBytes", equalTo(video.length));

        assertEquals("Published", TestClips.awaitProcessed(clip, PROCESSING));
        JsonPath published = TestClips.gameClip(metadataUrl, clip);
        assertEquals("Published", published.getString("state"));
        String download = TestClips.pathAndQuery(TestClips.uriWhere(published, "gameClipUris", "uriType", "Download"));

        Response whole = given().when().get(download).then().statusCode(200).contentType("video/mp4")
                .header("Accept-Ranges", "bytes").header("Content-Length", String.valueOf(video.length)).extract().response();
        assertEquals(TestClips.sha256(video), TestClips.sha256(whole.asByteArray()));
        String etag = whole.header("ETag");

        assertRange(download, "bytes=0-99", 0, 99, video);
        assertRange(download, "bytes=" + video.length / 2 + "-", video.length / 2, video.length - 1, video);
        assertRange(download, "bytes=-500", video.length - 500, video.length - 1, video);
        assertRange(download, "bytes=" + (video.length - 10) + "-" + (video.length + 1000), video.length - 10, video.length - 1, video);
        given().header("Range", "bytes=" + video.length + "-").when().get(download)
                .then().statusCode(416).header("Content-Range", "bytes */" + video.length).body("errorMessage", containsString("Range"));
        given().header("Range", "bytes=5-2").when().get(download).then().statusCode(200); // invalid: ignored, whole body
        given().when().head(download).then().statusCode(200).header("Content-Length", String.valueOf(video.length))
                .header("ETag", etag).contentType("video/mp4");
        given().header("If-None-Match", etag).when().get(download).then().statusCode(304).header("ETag", etag);
        given().header("If-None-Match", "\"another\"").header("Range", "bytes=0-0").when().get(download).then().statusCode(206);
        // If-Range: the current ETag keeps the Range; another version's or a weak tag gets the whole clip, never a 416
        given().header("If-Range", etag).header("Range", "bytes=0-99").when().get(download).then().statusCode(206)
                .header("Content-Range", "bytes 0-99/" + video.length);
        for (String stale : List.of("\"another\"", "W/" + etag)) {
            given().header("If-Range", stale).header("Range", "bytes=0-99").when().get(download).then().statusCode(200)
                    .header("Content-Length", String.valueOf(video.length)).header("Content-Range", nullValue());
            given().header("If-Range", stale).header("Range", "bytes=" + video.length + "-").when().get(download).then().statusCode(200);
        }

        assertThumbnail(published, "Large", 754, 424);
        assertThumbnail(published, "Small", 370, 208);
    }

    @Test
    void anInterruptedUploadResumesWithTheMissingBlocks() {
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000202", video.length, 3, n -> {});
        List<byte[]> blocks = TestClips.split(video, 3);
        TestClips.putBlock(clip, 2, blocks.get(2)).then().statusCode(202);
        TestClips.putBlock(clip, 0, blocks.get(0)).then().statusCode(202);
        TestClips.putBlock(clip, 0, blocks.get(0)).then().statusCode(202); // a retry replaces the block

        for (String path : List.of(clip.uploadPath(), clip.uploadPath() + "?status")) {
            TestClips.as(clip.xuid()).when().get(path).then().log().ifValidationFails().statusCode(200)
                    .body("gameClipId", equalTo(clip.gameClipId())).body("state", equalTo("PendingUpload"))
                    .body("expectedBlocks", equalTo(3)).body("fileSize", equalTo(video.length))
                    .body("receivedBlocks", equalTo(List.of(0, 2))).body("missingBlocks", equalTo(List.of(1)))
                    .body("receivedBytes", equalTo(blocks.get(0).length + blocks.get(2).length))
                    .body("uploadExpiresAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        }
        TestClips.putBlock(clip, 1, blocks.get(1)).then().statusCode(201);
        TestClips.as(clip.xuid()).when().get(clip.uploadPath()).then().statusCode(200)
                .body("receivedBlocks", equalTo(List.of(0, 1, 2))).body("missingBlocks", equalTo(List.of()));
    }

    @Test
    void uploadedThumbnailsAreServedAsUploaded() throws Exception {
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000203", video.length, 1, n -> n.put("thumbnailSource", "Upload"));
        byte[] large = jpeg(754, 424);
        byte[] small = jpeg(370, 208);
        TestClips.as(clip.xuid()).contentType("image/jpeg").body(large).when().put(clip.uploadPath() + "/thumbnails/large").then()
                .log().ifValidationFails().statusCode(201);
        TestClips.as(clip.xuid()).contentType("image/jpeg").body(small).when().put(clip.uploadPath() + "/thumbnails/small").then()
                .statusCode(201);
        TestClips.as(clip.xuid()).contentType("image/jpeg").body("not an image".getBytes()).when()
                .put(clip.uploadPath() + "/thumbnails/small").then().statusCode(400).body("errorMessage", containsString("JPEG or PNG"));
        TestClips.as(clip.xuid()).contentType("image/jpeg").body(small).when().put(clip.uploadPath() + "/thumbnails/medium").then()
                .statusCode(404);
        // one block: blockNum may be left out
        TestClips.as(clip.xuid()).contentType("application/octet-stream").body(video).when().put(clip.uploadPath()).then().statusCode(201);

        assertEquals("Published", TestClips.awaitProcessed(clip, PROCESSING));
        JsonPath published = TestClips.gameClip(metadataUrl, clip);
        assertEquals("Published", published.getString("state"));
        byte[] served = given().when().get(TestClips.pathAndQuery(TestClips.uriWhere(published, "thumbnails", "thumbnailType", "Large")))
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertArrayEquals(large, served);
    }

    private static void assertRange(String download, String range, long first, long last, byte[] video) {
        byte[] part = given().header("Range", range).when().get(download).then().log().ifValidationFails().statusCode(206)
                .header("Content-Range", "bytes " + first + "-" + last + "/" + video.length)
                .header("Content-Length", String.valueOf(last - first + 1)).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(video, (int) first, (int) last + 1), part, range);
    }

    private static void assertThumbnail(JsonPath clip, String type, int width, int height) throws Exception {
        byte[] jpeg = given().when().get(TestClips.pathAndQuery(TestClips.uriWhere(clip, "thumbnails", "thumbnailType", type)))
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(List.of(width, height), List.of(image.getWidth(), image.getHeight()), type + " thumbnail size");
    }

    static byte[] jpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(10, 10, width / 2, height / 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
