package io.savepoint.transfer;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.TestTitles;

/** What the clip tests share: a real MP4 made by ffmpeg, the initial request on metadata-service, block PUTs. */
public final class TestClips {

    /** A clip's id and its upload URI as metadata-service answered it. */
    record Clip(String xuid, String gameClipId, String uploadUri) {

        /** The path of the upload URI on transfer-service (metadata's public base URL is not this test's). */
        String uploadPath() {
            return URI.create(uploadUri).getPath();
        }
    }

    private static final Path VIDEO = Path.of("target", "test-videos", "testsrc-6s-cbr.mp4").toAbsolutePath();

    private TestClips() {
    }

    /** A 6-second 640x360 H.264/AAC MP4 at a constant 2 Mbit/s (about 1.5 MB), made once per build. */
    static byte[] video() {
        try {
            return Files.readAllBytes(videoFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file of {@link #video()}. */
    public static synchronized Path videoFile() {
        try {
            if (!Files.exists(VIDEO)) {
                Files.createDirectories(VIDEO.getParent());
                Path partial = VIDEO.resolveSibling("partial.mp4");
                Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-y",
                        "-f", "lavfi", "-i", "testsrc=duration=6:size=640x360:rate=30", "-f", "lavfi", "-i", "sine=duration=6",
                        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:v", "2M",
                        // constant bit rate: a test pattern would otherwise compress to a few blocks of one gRPC chunk
                        "-minrate", "2M", "-maxrate", "2M", "-bufsize", "1M", "-x264-params", "nal-hrd=cbr",
                        "-movflags", "+faststart", partial.toString())
                        .redirectErrorStream(true).redirectOutput(VIDEO.resolveSibling("ffmpeg.log").toFile()).start();
                if (!ffmpeg.waitFor(120, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
                    throw new IllegalStateException("ffmpeg could not make the test video; see " + VIDEO.resolveSibling("ffmpeg.log"));
                }
                Files.move(partial, VIDEO);
            }
            return VIDEO;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs an initial upload request for {@code fileSize} bytes in {@code blocks} blocks (spec A.1 fixture, changed). */
    static Clip start(String metadataUrl, String xuid, long fileSize, int blocks, Consumer<ObjectNode> change) {
        String body = InitialUploadTest.body(n -> {
            n.put("fileSize", fileSize).put("expectedBlocks", blocks).put("durationInSeconds", 6)
                    .put("thumbnailSource", "Default").remove("thumbnailOffsetMillseconds");
            change.accept(n);
        });
        JsonPath answer = given().baseUri(metadataUrl).header("Authorization", auth(xuid)).contentType(ContentType.JSON).body(body)
                .when().post(InitialUploadTest.PATH, TestTitles.SCID)
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        return new Clip(xuid, answer.getString("gameClipId"), answer.getString("uploadUri"));
    }

    static String auth(String xuid) {
        return "XBL3.0 x=-;" + DevTokens.user(xuid, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign();
    }

    /** A request to transfer-service (the app under test) as the user. */
    static RequestSpecification as(String xuid) {
        return given().header("Authorization", auth(xuid)).header("x-xbl-contract-version", "1");
    }

    /** PUTs block {@code n}. */
    static Response putBlock(Clip clip, int n, byte[] block) {
        return putBlock(clip.xuid(), clip.uploadPath(), n, block);
    }

    /** PUTs block {@code n} to {@code upload}: a path on the app under test, or an absolute URI. */
    static Response putBlock(String xuid, String upload, int n, byte[] block) {
        return as(xuid).contentType("application/octet-stream").body(block).queryParam("blockNum", n).when().put(upload);
    }

    /** {@code data} cut into {@code blocks} nearly equal consecutive blocks. */
    static List<byte[]> split(byte[] data, int blocks) {
        int size = (data.length + blocks - 1) / blocks;
        List<byte[]> parts = new ArrayList<>();
        for (int from = 0; from < data.length; from += size) {
            parts.add(Arrays.copyOfRange(data, from, Math.min(data.length, from + size)));
        }
        return parts;
    }

    /** The clip's state once processing has ended (Published or Error), from its upload status on transfer-service. */
    static String awaitProcessed(Clip clip, Duration timeout) {
        return awaitProcessed(clip.xuid(), clip.uploadPath(), timeout);
    }

    /** As {@link #awaitProcessed(Clip, Duration)}, from the status at {@code upload}: a path or an absolute URI. */
    static String awaitProcessed(String xuid, String upload, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String state = as(xuid).when().get(upload).then().statusCode(200).extract().path("state");
            if ("Published".equals(state) || "Error".equals(state) || System.nanoTime() > deadline) {
                return state;
            }
            sleep(250);
        }
    }

    /** The clip as its owner gets it from metadata-service (GameClip JSON, spec C.3). */
    static JsonPath gameClip(String metadataUrl, Clip clip) {
        return given().baseUri(metadataUrl).header("Authorization", auth(clip.xuid())).header("x-xbl-contract-version", "1")
                .when().get("/users/xuid({xuid})/scids/{scid}/clips/{id}", clip.xuid(), TestTitles.SCID, clip.gameClipId())
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath().setRootPath("gameClip");
    }

    /** Path and query of a URI on transfer-service (its host is metadata's configured public base URL). */
    static String pathAndQuery(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getRawPath() + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5Base64(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The uri of the element of a GameClip list (gameClipUris, thumbnails) whose {@code field} is {@code value}. */
    static String uriWhere(JsonPath clip, String list, String field, String value) {
        List<Map<String, Object>> items = clip.getList(list);
        return items.stream().filter(i -> value.equals(i.get(field))).map(i -> (String) i.get("uri")).findFirst()
                .orElseThrow(() -> new AssertionError("No " + list + " entry with " + field + " " + value + " in " + items));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
