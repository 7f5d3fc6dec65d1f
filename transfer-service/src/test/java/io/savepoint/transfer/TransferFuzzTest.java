package io.savepoint.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.testing.Fuzz;
import io.savepoint.testing.FuzzRequest;
import io.savepoint.testing.FuzzRequest.Part;
import io.savepoint.testing.FuzzRun;
import io.savepoint.testing.RawHttp;
import io.savepoint.testing.TestTitles;

/**
 * Issue 16: thousands of malformed requests from a fixed seed over every route of transfer-service (block and
 * thumbnail uploads, upload status, signed downloads by GET and HEAD), with the real metadata-service and
 * storage-service behind it. None may get a 5xx or lose its connection, and the service must still be ready
 * afterwards. The seed is printed; {@code -Dsavepoint.fuzz.seed=<n>} repeats a run.
 */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class TransferFuzzTest {

    static final String USER = "2533274800001611";
    static final String OTHER_USER = "2533274800001612";
    /** A 1×1 PNG: a valid thumbnail. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @ConfigProperty(name = "savepoint.download-uris.secret")
    String downloadSecret;

    /** Clips waiting for their blocks (the last is the one valid requests use), and clips taking uploaded thumbnails. */
    final List<TestClips.Clip> uploads = new ArrayList<>();
    final List<TestClips.Clip> thumbnailClips = new ArrayList<>();
    TestClips.Clip othersUpload;
    /** Path and query of the published clip's download URIs (video, large and small thumbnail). */
    final List<String> downloads = new ArrayList<>();
    String publishedId;

    /** A 2-second 160×90 MP4, made once per build: the published clip whose downloads are fuzzed. */
    static byte[] tinyVideo() throws IOException, InterruptedException {
        Path video = Path.of("target", "test-videos", "fuzz-2s.mp4").toAbsolutePath();
        if (!Files.exists(video)) {
            Files.createDirectories(video.getParent());
            Path partial = video.resolveSibling("fuzz-partial.mp4");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "testsrc=duration=2:size=160x90:rate=10",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", partial.toString())
                    .redirectErrorStream(true).redirectOutput(video.resolveSibling("fuzz-ffmpeg.log").toFile()).start();
            assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0).as("ffmpeg made the test video").isTrue();
            Files.move(partial, video);
        }
        return Files.readAllBytes(video);
    }

    TestClips.Clip upload(String xuid) {
        // 7 blocks of up to 2 MiB announced: the few small blocks the run sends never complete it
        return TestClips.start(metadataUrl, xuid, 7L << 20, 7, n -> {});
    }

    TestClips.Clip thumbnailClip() {
        return TestClips.start(metadataUrl, USER, 7L << 20, 7, n -> n.put("thumbnailSource", "Upload"));
    }

    void publish() throws Exception {
        byte[] video = tinyVideo();
        TestClips.Clip clip = TestClips.start(metadataUrl, USER, video.length, 1, n -> n.put("durationInSeconds", 2));
        TestClips.putBlock(clip, 0, video).then().statusCode(201);
        assertThat(TestClips.awaitProcessed(clip, Duration.ofSeconds(90))).isEqualTo("Published");
        JsonPath clipJson = TestClips.gameClip(metadataUrl, clip);
        downloads.add(TestClips.pathAndQuery(TestClips.uriWhere(clipJson, "gameClipUris", "uriType", "Download")));
        downloads.add(TestClips.pathAndQuery(TestClips.uriWhere(clipJson, "thumbnails", "thumbnailType", "Large")));
        downloads.add(TestClips.pathAndQuery(TestClips.uriWhere(clipJson, "thumbnails", "thumbnailType", "Small")));
        publishedId = clip.gameClipId();
    }

    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** One token per user for the whole run: signing (and verifying) a fresh one per request would cost more than the request. */
    static FuzzRequest as(String method, String xuid) {
        return FuzzRequest.of(method).header("Authorization", TOKENS.computeIfAbsent(xuid, TestClips::auth))
                .header("x-xbl-contract-version", "1");
    }

    /** /upload/{owner}/{gameClipId}/container of the clip, as its upload URI names it (xuid(n)). */
    static FuzzRequest uploadUri(String method, TestClips.Clip clip) {
        return as(method, USER).literal("upload").segment(Part.OWNER, "xuid(" + clip.xuid() + ")").segment(Part.CLIP_ID, clip.gameClipId())
                .literal("container");
    }

    TestClips.Clip uploadClip(Fuzz fuzz) {
        return fuzz.chance(0.85) ? uploads.get(uploads.size() - 1) : fuzz.chance(0.5) ? othersUpload : fuzz.pick(uploads);
    }

    /** A download request: one of the published clip's URIs, or a URI signed here for another clip or asset. */
    FuzzRequest download(String method, Fuzz fuzz) {
        String gameClipId;
        String asset;
        String se;
        String sig;
        if (fuzz.chance(0.75)) {
            URI uri = URI.create(fuzz.pick(downloads));
            String[] path = uri.getRawPath().split("/");
            gameClipId = path[2];
            asset = path[3];
            String[] query = uri.getRawQuery().split("&");
            se = query[0].substring("se=".length());
            sig = query[1].substring("sig=".length());
        } else {
            gameClipId = fuzz.chance(0.5) ? uploads.get(uploads.size() - 1).gameClipId() : publishedId;
            ClipAssetUris.Asset signed = fuzz.pick(ClipAssetUris.Asset.values());
            Instant expires = fuzz.chance(0.8) ? Instant.now().plusSeconds(3600) : Instant.now().minusSeconds(60);
            URI uri = URI.create(new ClipAssetUris(downloadSecret, Clock.systemUTC()).sign("http://x", gameClipId, signed, expires));
            asset = signed.pathName;
            String[] query = uri.getRawQuery().split("&");
            se = query[0].substring("se=".length());
            sig = query[1].substring("sig=".length());
        }
        FuzzRequest request = FuzzRequest.of(method).literal("download").segment(Part.CLIP_ID, gameClipId).segment(Part.NAME, asset)
                .query("se", se).query("sig", sig);
        if (fuzz.chance(0.4)) {
            request.header("Range", fuzz.pick("bytes=0-99", "bytes=100-", "bytes=-50", "bytes=0-0"));
        }
        return request;
    }

    FuzzRun routes(FuzzRun run) {
        run.fuzz().authorizations(Fuzz.tokenForms(USER, TestTitles.TITLE_ID, TestTitles.SANDBOX));
        return run
                .route("PUT", "/upload/{owner}/{gameClipId}/container", List.of("blockNum", "uploadId"), f -> {
                    byte[] block = new byte[1 + f.random().nextInt(4096)];
                    f.random().nextBytes(block);
                    FuzzRequest request = uploadUri("PUT", uploadClip(f)).query("blockNum", Integer.toString(f.random().nextInt(6)))
                            .header("Content-Type", "application/octet-stream").body(block);
                    if (f.chance(0.5)) {
                        request.header("Content-MD5", md5(block));
                    }
                    return request;
                })
                .route("GET", "/upload/{owner}/{gameClipId}/container", List.of("status"), f -> {
                    FuzzRequest request = uploadUri("GET", uploadClip(f));
                    return f.chance(0.5) ? request.query("status", null) : request;
                })
                .route("PUT", "/upload/{owner}/{gameClipId}/container/thumbnails/{kind}", List.of(), f -> {
                    TestClips.Clip clip = f.chance(0.8) ? thumbnailClips.get(thumbnailClips.size() - 1) : uploadClip(f);
                    return uploadUri("PUT", clip).literal("thumbnails").segment(Part.NAME, f.pick("large", "small"))
                            .header("Content-Type", f.pick("image/png", "application/octet-stream")).body(PNG.clone());
                })
                .route("GET", "/download/{gameClipId}/{asset}", List.of("se", "sig"), f -> download("GET", f))
                .route("HEAD", "/download/{gameClipId}/{asset}", List.of("se", "sig"), f -> download("HEAD", f));
    }

    @Test
    void malformedRequestsOnEveryRouteNeverGetA5xx() throws Exception {
        publish();
        uploads.add(upload(USER));
        thumbnailClips.add(thumbnailClip());
        othersUpload = upload(OTHER_USER);
        FuzzRun run = new FuzzRun("transfer-service", base.getHost(), base.getPort());
        FuzzRun.Result result = routes(run).every(150, () -> {
            uploads.add(upload(USER));
            thumbnailClips.add(thumbnailClip());
        }).run();

        result.assertSound(5);
    }

    /** The issue's %00 and friends as the clip id (and owner) of an upload URI: a 4xx, never a 500. */
    @Test
    void theIssuesCharactersInAnUploadUriAreRefused() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        TestClips.Clip clip = upload(USER);
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort(), Duration.ofSeconds(30))) {
            for (String bad : List.of("%00", "a%00b", clip.gameClipId() + "%00", "%ED%A0%BD", "%FF", "%C3%28", "_", "%25", "%5C", "..")) {
                List<FuzzRequest> requests = List.of(
                        as("PUT", USER).literal("upload", "xuid(" + USER + ")", bad, "container").query("blockNum", "0").body(new byte[10]),
                        as("GET", USER).literal("upload", "xuid(" + USER + ")", bad, "container"),
                        as("PUT", USER).literal("upload", "xuid(" + USER + ")", bad, "container", "thumbnails", "large").body(PNG.clone()),
                        as("PUT", USER).literal("upload", "xuid(" + bad + ")", clip.gameClipId(), "container").query("blockNum", "0")
                                .body(new byte[10]),
                        FuzzRequest.of("GET").literal("download", bad, "video").query("se", "9999999999").query("sig", "x"));
                for (FuzzRequest request : requests) {
                    RawHttp.Response response = http.send(request);
                    soft.assertThat(response.status()).as("%s: %s", request.describe(), response.bodyText()).isBetween(400, 499);
                }
            }
        }
        soft.assertAll();
    }

    static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
