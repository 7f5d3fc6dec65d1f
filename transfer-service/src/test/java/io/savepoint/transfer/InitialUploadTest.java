package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.InitialUploadRequests;
import io.savepoint.testing.TestTitles;

/**
 * POST /users/me/scids/{scid}/clips (spec A.1) against the real metadata-service, which reserves the clip's bytes in
 * the real storage-service's Quota. Each test uses its own xuid, so quotas (per user) never interfere.
 */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class InitialUploadTest {

    /** The docs example (spec A.1), its greatestMomentId replaced by a registered clip name id. */
    static final String FIXTURE = body(n -> {});
    static final String PATH = "/users/me/scids/{scid}/clips";
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final long GIB = 1L << 30;
    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    /** {@link #FIXTURE} with {@code change} applied. */
    static String body(Consumer<ObjectNode> change) {
        return InitialUploadRequests.body(n -> {
            n.remove("greatestMomentId");
            n.put("clipNameStringId", "1193045");
            change.accept(n);
        });
    }

    static String sized(long fileSize) {
        return body(n -> n.put("fileSize", fileSize).put("expectedBlocks", Math.max(1, (fileSize + (2 << 20) - 1) / (2 << 20))));
    }

    RequestSpecification as(DevTokens token) {
        return given().baseUri(metadataUrl).header("Authorization", "XBL3.0 x=-;" + token.sign())
                .header("x-xbl-contract-version", "1").contentType(ContentType.JSON);
    }

    RequestSpecification as(String xuid) {
        return as(DevTokens.user(xuid, TestTitles.TITLE_ID, TestTitles.SANDBOX));
    }

    ValidatableResponse post(RequestSpecification request, String body) {
        return request.body(body).when().post(PATH, TestTitles.SCID).then().log().ifValidationFails();
    }

    @Test
    void validRequestAnswersTheClipAndItsUris() {
        String xuid = "2533274800000101";
        var response = post(as(xuid), body(n -> n.put("thumbnailSource", "Upload").remove("thumbnailOffsetMillseconds")))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("gameClipId", matchesPattern(UUID))
                .body("clipName", equalTo("Killing spree"))
                .body("titleName", equalTo("Savepoint Test Title"))
                .extract();
        String id = response.path("gameClipId");
        String uploadUri = response.path("uploadUri");
        assertThat(uploadUri,
                matchesPattern("^https?://[^/]+/upload/xuid\\(" + xuid + "\\)/" + id + "/container$"));
        assertEquals(uploadUri + "/thumbnails/large", response.path("largeThumbnailUri"));
        assertEquals(uploadUri + "/thumbnails/small", response.path("smallThumbnailUri"));
        // an upper-case SCID names the same (lower-case) registered SCID
        as(xuid).body(FIXTURE).when().post(PATH, TestTitles.SCID.toUpperCase()).then().statusCode(200);
    }

    @Test
    void theDocsExampleAsIsHasNoThumbnailUrisAndAnEmptyClipNameForAnUnknownId() {
        post(as("2533274800000102"), body(n -> {
            n.remove("clipNameStringId");
            n.put("greatestMomentId", "123abc");
        }))
                .statusCode(200)
                .body("$", not(hasKey("largeThumbnailUri")))
                .body("$", not(hasKey("smallThumbnailUri")))
                .body("uploadUri", matchesPattern("^https?://.+/upload/xuid\\(2533274800000102\\)/" + UUID + "/container$"))
                .body("clipName", equalTo(""))
                .body("titleName", equalTo("Savepoint Test Title"));
        post(as("2533274800000102"), body(n -> n.remove("clipNameStringId")))
                .statusCode(200).body("clipName", equalTo(""));
    }

    @Test
    void namesFollowAcceptLanguage() {
        post(as("2533274800000103").header("Accept-Language", "fr-FR"), FIXTURE)
                .statusCode(200)
                .body("clipName", equalTo("Série d'éliminations"))
                .body("titleName", equalTo("Titre de test"));
        post(as("2533274800000103").header("Accept-Language", "de-DE"), FIXTURE)
                .statusCode(200)
                .body("clipName", equalTo("Killing spree"))
                .body("titleName", equalTo("Savepoint Test Title"));
    }

    @Test
    void reservationsCountAgainstTheTwoGibQuota() {
        String xuid = "2533274800000104";
        post(as(xuid), sized(2 * GIB - 10)).statusCode(200);
        post(as(xuid), sized(11)).statusCode(400).body("errorCode", equalTo(4000)).body("errorMessage", containsString("quota"));
        post(as(xuid), sized(10)).statusCode(200);
        post(as(xuid), sized(1)).statusCode(400).body("errorMessage", containsString("quota"));
        // another user of the same title has a quota of their own
        post(as("2533274800000105"), sized(2 * GIB)).statusCode(200);
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("userCaption", body(n -> n.put("userCaption", "x".repeat(251)))),
                Arguments.of("titleData", body(n -> n.put("titleData", "x".repeat(10 * 1024 + 1)))),
                Arguments.of("dateRecorded", body(n -> n.put("dateRecorded", "yesterday"))),
                Arguments.of("durationInSeconds", body(n -> n.remove("durationInSeconds"))),
                Arguments.of("fileSize", body(n -> n.put("fileSize", 0))),
                Arguments.of("fileSize", body(n -> n.put("fileSize", 2 * GIB + 1).put("expectedBlocks", 1025))),
                Arguments.of("fileSize", body(n -> n.put("fileSize", "big"))),
                Arguments.of("expectedBlocks", body(n -> n.put("expectedBlocks", 0))),
                Arguments.of("expectedBlocks", body(n -> n.put("fileSize", 20L << 20).put("expectedBlocks", 9))),
                Arguments.of("expectedBlocks", body(n -> n.put("fileSize", 5).put("expectedBlocks", 6))),
                Arguments.of("type", body(n -> n.put("type", "Achievement, Screenshot"))),
                Arguments.of("type", body(n -> n.put("type", "None"))),
                Arguments.of("source", body(n -> n.put("source", "Phone"))),
                Arguments.of("visibility", body(n -> n.put("visibility", "Friends"))),
                Arguments.of("thumbnailSource", body(n -> n.put("thumbnailSource", "Generated"))),
                Arguments.of("thumbnailOffsetMillseconds", body(n -> n.put("thumbnailSource", "Upload"))),
                Arguments.of("thumbnailOffsetMillseconds", body(n -> n.put("thumbnailOffsetMillseconds", 27001))),
                Arguments.of("clipNameStringId", body(n -> n.put("greatestMomentId", "123abc"))),
                Arguments.of("JSON", "{\"fileSize\": 12"),
                Arguments.of("JSON", "[1, 2]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void eachBadFieldIs400NamingIt(String field, String body) {
        post(as("2533274800000106"), body)
                .statusCode(400)
                .body("errorCode", equalTo(4000))
                .body("errorMessage", containsString(field));
    }

    @Test
    void aScidOfAnotherTitleOrNoneOrAForeignSandboxIs403() {
        as("2533274800000107").body(FIXTURE).when().post(PATH, TestTitles.OTHER_SCID)
                .then().statusCode(403).body("errorCode", equalTo(4500)).body("errorMessage", containsString("does not belong"));
        as("2533274800000107").body(FIXTURE).when().post(PATH, TestTitles.UNREGISTERED_SCID)
                .then().statusCode(403).body("errorMessage", containsString("not registered"));
        post(as(DevTokens.user("2533274800000107", TestTitles.TITLE_ID, "XDKS.9")), FIXTURE)
                .statusCode(403).body("errorMessage", containsString("sandbox XDKS.9"));
        as("2533274800000107").body(FIXTURE).when().post(PATH, "not-a-scid")
                .then().statusCode(400).body("errorMessage", containsString("not a GUID"));
    }

    @Test
    void aDeviceThatIsNotAConsoleIs403() {
        post(as(DevTokens.user("2533274800000108", TestTitles.TITLE_ID, TestTitles.SANDBOX).claim("deviceType", "Win32")), FIXTURE)
                .statusCode(403).body("errorCode", equalTo(4500)).body("errorMessage", containsString("Win32"));
        post(as(DevTokens.user("2533274800000108", TestTitles.TITLE_ID, TestTitles.SANDBOX).claim("deviceType", "XboxSeriesX")), FIXTURE)
                .statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xuid", "deviceType", "deviceId", "titleId", "sandboxId"})
    void eachMissingClaimIs403NamingIt(String claim) {
        post(as(DevTokens.user("2533274800000109", TestTitles.TITLE_ID, TestTitles.SANDBOX).without(claim)), FIXTURE)
                .statusCode(403).body("errorCode", equalTo(4500)).body("errorMessage", containsString(claim));
    }

    @Test
    void noTokenIs401() {
        given().baseUri(metadataUrl).contentType(ContentType.JSON).body(FIXTURE).when().post(PATH, TestTitles.SCID)
                .then().statusCode(401).header("WWW-Authenticate", containsString("XBL3.0")).body("errorCode", equalTo(4500));
    }

    @Test
    void idempotencyKeyReplaysTheClipWithoutASecondReservation() {
        String xuid = "2533274800000110";
        String first = post(as(xuid).header("Idempotency-Key", "console-retry-1"), sized(GIB)).statusCode(200)
                .extract().asString();
        String again = post(as(xuid).header("Idempotency-Key", "console-retry-1"), sized(GIB)).statusCode(200)
                .extract().asString();
        assertEquals(first, again);
        // only one GiB is reserved: exactly one more GiB fits, not one byte more
        post(as(xuid), sized(GIB)).statusCode(200);
        post(as(xuid), sized(1)).statusCode(400).body("errorMessage", containsString("quota"));
        // the same key from another user is another clip
        String other = post(as("2533274800000111").header("Idempotency-Key", "console-retry-1"), sized(GIB)).statusCode(200)
                .extract().path("gameClipId");
        assertEquals(false, first.contains(other));
    }

    @Test
    void idempotencyKeyWithAnotherBodyIs409NamingTheKey() {
        String xuid = "2533274800000112";
        post(as(xuid).header("Idempotency-Key", "k-409"), FIXTURE).statusCode(200);
        post(as(xuid).header("Idempotency-Key", "k-409"), body(n -> n.put("userCaption", "another clip")))
                .statusCode(409).body("errorCode", equalTo(4090)).body("errorMessage", containsString("k-409"));
    }

    @Test
    void concurrentDuplicatesCreateOneClip() throws Exception {
        String xuid = "2533274800000113";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post(as(xuid).header("Idempotency-Key", "burst"), sized(1L << 20)).statusCode(200)
                        .extract().<String>path("gameClipId"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), "one clip for one key: " + ids);
        } finally {
            pool.shutdownNow();
        }
        // the losers' reservations were released: all but the winner's MiB still fits
        post(as(xuid), sized(2 * GIB - (1L << 20))).statusCode(200);
        post(as(xuid), sized(1)).statusCode(400).body("errorMessage", containsString("quota"));
    }
}
