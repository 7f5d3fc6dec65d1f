package io.savepoint.metadata.clips.rest;

import static io.restassured.RestAssured.given;
import static io.savepoint.metadata.clips.ClipFixtures.OWNER;
import static io.savepoint.metadata.clips.ClipFixtures.STRANGER;
import static io.savepoint.metadata.clips.ClipFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.savepoint.grpc.v1.ClipCatalogGrpc;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.StoragePeerResource;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.RepoPaths;
import io.savepoint.testing.ServicePeer;
import io.savepoint.testing.TestTitles;

/** GET one clip (spec A.7): the live GameClip shape, signed expiring URIs once Published, and who may see it. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
@WithTestResource(StoragePeerResource.class)
class ClipResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHA256 = "b".repeat(64);

    @GrpcClient("clip-catalog")
    ClipCatalogGrpc.ClipCatalogBlockingStub catalog;

    static String path(String owner, String id) {
        return "/users/" + owner + "/scids/" + TestTitles.SCID + "/clips/" + id;
    }

    /** A clip uploaded, processed (thumbnails generated) and Published. */
    String published(String owner, String visibility) {
        String id = ClipFixtures.uploaded(catalog, owner, body -> body.put("visibility", visibility).put("greatestMomentId", "1193045"));
        ClipFixtures.claim(catalog, "worker-" + id, id);
        catalog.finishProcessing(FinishProcessingRequest.newBuilder().setGameClipId(id).setWorkerId("worker-" + id)
                .setSuccess(true).setSha256Hex(SHA256).setLargeThumbnailSize(20000).setSmallThumbnailSize(3000).build());
        return id;
    }

    JsonNode get(String caller, String owner, String id) throws Exception {
        String body = given().header("Authorization", token(caller)).header("Accept-Language", "fr-FR")
                .when().get(path(owner, id))
                .then().statusCode(200).extract().asString();
        return JSON.readTree(body).get("gameClip");
    }

    /** Issue 18 item 2: headers that pick the same localized names share one cached JSON; the cache cannot be grown by them. */
    @Test
    void theClipJsonCacheKeysOnTheNegotiatedLocaleNotTheHeader() {
        String id = published(OWNER, "Public");
        String french = given().header("Authorization", token(OWNER)).header("Accept-Language", "fr-FR").when().get(path("me", id))
                .then().statusCode(200).extract().asString();
        double before = clipJsonCacheSize();
        for (int i = 0; i < 40; i++) {
            String header = "fr-FR;q=0." + (9 - i % 5) + ", q" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + ";q=0.1";
            String body = given().header("Authorization", token(OWNER)).header("Accept-Language", header).when().get(path("me", id))
                    .then().statusCode(200).extract().asString();
            assertThat(body).as(header).isEqualTo(french);
        }
        // a new URI minute during the loop may add one entry
        assertThat(clipJsonCacheSize() - before).isLessThanOrEqualTo(1);
    }

    private static double clipJsonCacheSize() {
        Matcher size = Pattern.compile("(?m)^cache_size\\{[^}]*cache=\"clip-json\"[^}]*\\} (\\S+)")
                .matcher(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
        assertThat(size.find()).as("the clip-json cache's size metric").isTrue();
        return Double.parseDouble(size.group(1));
    }

    @Test
    void aPublishedClipHasTheLiveShapeOfTheFixtures() throws Exception {
        String id = published(OWNER, "Public");
        JsonNode clip = get(OWNER, "me", id);

        JsonNode fixture = JSON.readTree(Files.readString(fixture("xbox-webapi-node/users_me_clips.body.json"))).get("gameClips").get(0);
        Set<String> expectedKeys = new TreeSet<>(fieldNames(fixture));
        expectedKeys.addAll(Set.of("source", "visibility"));
        assertThat(new TreeSet<>(fieldNames(clip))).isEqualTo(expectedKeys);
        for (Iterator<Map.Entry<String, JsonNode>> it = fixture.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            assertThat(clip.get(field.getKey()).getNodeType()).as(field.getKey()).isEqualTo(field.getValue().getNodeType());
        }
        assertThat(clip.get("gameClipUris").get(0).size()).isEqualTo(fixture.get("gameClipUris").get(0).size());
        assertThat(clip.get("thumbnails").get(0).size()).isEqualTo(fixture.get("thumbnails").get(0).size());

        assertThat(clip.get("gameClipId").asText()).isEqualTo(id);
        assertThat(clip.get("xuid").asText()).isEqualTo(OWNER);
        assertThat(clip.get("state").asText()).isEqualTo("Published");
        assertThat(clip.get("type").asText()).isEqualTo("MagicMoment, Achievement");
        assertThat(clip.get("clipName").asText()).isEqualTo("Série d'éliminations");
        // the same clip read again in another language: its reused JSON is per Accept-Language
        given().header("Authorization", token(OWNER)).header("Accept-Language", "en-US").when().get(path("me", id))
                .then().statusCode(200).body("gameClip.clipName", equalTo("Killing spree"));
        assertThat(clip.get("titleName").asText()).isEqualTo("Titre de test");
        assertThat(clip.get("titleId").asLong()).isEqualTo(TestTitles.TITLE_ID);
        assertThat(clip.get("durationInSeconds").asLong()).isEqualTo(27);
        assertThat(Instant.parse(clip.get("datePublished").asText())).isAfter(Instant.now().minusSeconds(120));

        JsonNode video = clip.get("gameClipUris").get(0);
        assertThat(video.get("uriType").asText()).isEqualTo("Download");
        assertThat(video.get("fileSize").asLong()).isEqualTo(ClipFixtures.FILE_SIZE);
        Instant expiration = Instant.parse(video.get("expiration").asText());
        // the TTL, rounded up to the next whole minute (so a minute's reads share one signature)
        assertThat(expiration).isBetween(Instant.now().plus(Duration.ofHours(4)).minusSeconds(60),
                Instant.now().plus(Duration.ofHours(4)).plusSeconds(60));
        assertThat(expiration.getEpochSecond() % 60).isZero();
        assertThat(verify(video.get("uri").asText(), id, "video")).isEqualTo(ClipAssetUris.Verdict.VALID);
        assertThat(video.get("uri").asText())
                .startsWith("http://localhost:8082/download/" + id + "/video?se=" + expiration.getEpochSecond());

        assertThat(clip.get("thumbnails")).hasSize(2);
        assertThat(clip.get("thumbnails").get(0).get("thumbnailType").asText()).isEqualTo("Large");
        assertThat(clip.get("thumbnails").get(0).get("fileSize").asLong()).isEqualTo(20000);
        assertThat(verify(clip.get("thumbnails").get(0).get("uri").asText(), id, "thumbnail-large")).isEqualTo(ClipAssetUris.Verdict.VALID);
        assertThat(clip.get("thumbnails").get(1).get("thumbnailType").asText()).isEqualTo("Small");
        assertThat(verify(clip.get("thumbnails").get(1).get("uri").asText(), id, "thumbnail-small")).isEqualTo(ClipAssetUris.Verdict.VALID);

        assertThat(get(OWNER, "xuid(" + OWNER + ")", id)).isNotNull();
        assertThat(get(STRANGER, "xuid(" + OWNER + ")", id).get("gameClipId").asText()).isEqualTo(id);
    }

    /** Titles are cached for reads: a registry edit through /admin/titles must show in the very next GET. */
    @Test
    void aTitleEditIsVisibleToTheNextGet() throws Exception {
        String id = published(OWNER, "Public");
        assertThat(get(OWNER, "me", id).get("titleName").asText()).isEqualTo("Titre de test");
        String operator = DevTokens.operator().sign();
        String original = given().auth().oauth2(operator).when().get("/admin/titles/" + TestTitles.TITLE_ID)
                .then().statusCode(200).extract().asString();
        ObjectNode renamed = (ObjectNode) JSON.readTree(original);
        ((ObjectNode) renamed.get("displayNames")).put("fr-FR", "Titre renommé");
        ((ObjectNode) renamed.get("clipNames").get("1193045")).put("fr-FR", "Moment renommé");
        try {
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(renamed.toString())
                    .when().put("/admin/titles/" + TestTitles.TITLE_ID).then().statusCode(200);
            JsonNode clip = get(OWNER, "me", id);
            assertThat(clip.get("titleName").asText()).isEqualTo("Titre renommé");
            assertThat(clip.get("clipName").asText()).isEqualTo("Moment renommé");
            given().header("Authorization", token(OWNER)).header("Accept-Language", "fr-FR")
                    .when().get("/users/me/scids/" + TestTitles.SCID + "/clips")
                    .then().statusCode(200).body("gameClips.find { it.gameClipId == '" + id + "' }.titleName", equalTo("Titre renommé"));
        } finally {
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(original)
                    .when().put("/admin/titles/" + TestTitles.TITLE_ID).then().statusCode(200);
        }
        assertThat(get(OWNER, "me", id).get("titleName").asText()).isEqualTo("Titre de test");
    }

    @Test
    void anUnpublishedClipIsTheOwnersAloneAndHasNoUris() throws Exception {
        String id = ClipFixtures.create(OWNER, body -> body.put("visibility", "Public"));
        JsonNode clip = get(OWNER, "me", id);
        assertThat(clip.get("state").asText()).isEqualTo("PendingUpload");
        assertThat(clip.get("gameClipUris")).isEmpty();
        assertThat(clip.get("thumbnails")).isEmpty();
        assertThat(clip.get("datePublished").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(clip.get("clipName").asText()).isEmpty();
        notFound(STRANGER, "xuid(" + OWNER + ")", id);
    }

    @Test
    void othersSeeOnlyPublicClipsOfTheirSandbox() {
        String ownerOnly = published("2533274800000501", "Owner");
        notFound(STRANGER, "xuid(2533274800000501)", ownerOnly);
        String publicClip = published("2533274800000502", "Public");
        given().header("Authorization", token(STRANGER, "RETAIL")).when().get(path("xuid(2533274800000502)", publicClip))
                .then().statusCode(404);
        notFound("2533274800000502", "me", ownerOnly);
        notFound(OWNER, "xuid(2533274800000502)", "00000000-0000-0000-0000-000000000000");
        // another title's SCID is out of reach altogether (spec D.6: 403), whatever clip id follows it
        given().header("Authorization", token("2533274800000502")).when()
                .get("/users/me/scids/" + TestTitles.OTHER_SCID + "/clips/" + publicClip).then().statusCode(403)
                .body("errorMessage", containsString("does not belong to the caller's title " + TestTitles.TITLE_ID));
    }

    @Test
    void aTokenWithoutSandboxIs400AndWithoutXuid403ForOneClipAndLists() {
        String id = ClipFixtures.create(OWNER);
        String noSandbox = "XBL3.0 x=-;" + DevTokens.user(OWNER, TestTitles.TITLE_ID, TestTitles.SANDBOX).without("sandboxId").sign();
        String noXuid = "XBL3.0 x=-;" + DevTokens.user(OWNER, TestTitles.TITLE_ID, TestTitles.SANDBOX).without("xuid").sign();
        for (String url : new String[] {path("me", id), "/users/me/clips", "/public/scids/" + TestTitles.SCID + "/clips"}) {
            given().header("Authorization", noSandbox).when().get(url).then().statusCode(400)
                    .body("errorMessage", containsString("sandboxId"));
            given().header("Authorization", noXuid).when().get(url).then().statusCode(403)
                    .body("errorMessage", containsString("xuid"));
        }
    }

    @Test
    void malformedOwnerOrScidIs400AndNoTokenIs401() {
        given().header("Authorization", token(OWNER)).when().get(path("someone", "x"))
                .then().statusCode(400).body("errorMessage", containsString("ownerId must be 'me' or 'xuid("));
        given().header("Authorization", token(OWNER)).when().get("/users/me/scids/not-a-guid/clips/x")
                .then().statusCode(400).body("errorMessage", containsString("not a GUID"));
        given().when().get(path("me", "x")).then().statusCode(401);
        given().header("Authorization", token(OWNER)).contentType("application/json").body("{}")
                .when().post("/users/xuid(" + OWNER + ")/scids/" + TestTitles.SCID + "/clips")
                .then().statusCode(404).body("errorMessage", containsString("POST /users/me/scids/"));
    }

    static void notFound(String caller, String owner, String id) {
        given().header("Authorization", token(caller)).when().get(path(owner, id))
                .then().statusCode(404).body("errorCode", equalTo(4040));
    }

    static ClipAssetUris.Verdict verify(String uri, String id, String asset) {
        String query = uri.substring(uri.indexOf('?') + 1);
        String se = query.replaceAll(".*se=([^&]*).*", "$1");
        String sig = query.replaceAll(".*sig=([^&]*).*", "$1");
        return new ClipAssetUris(ServicePeer.DOWNLOAD_URI_SECRET, Clock.systemUTC()).verify(id, asset, se, sig);
    }

    static Path fixture(String name) {
        return RepoPaths.root().resolve("../shared/fixtures/xbox-live").resolve(name).normalize();
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
