package io.savepoint.metadata.clips.rest;

import static io.restassured.RestAssured.given;
import static io.savepoint.metadata.clips.ClipFixtures.token;
import static io.savepoint.metadata.clips.rest.ClipResourceTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.savepoint.metadata.clips.CatalogRows;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/**
 * The clip lists over HTTP: the live shapes of every list fixture, every route, visibility and isolation, and a
 * clear 400 for every bad parameter.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class ClipListResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCID = TestTitles.SCID;
    /** Every list fixture of real traffic (xbox-webapi-node mocks, xbox-webapi-python responses). */
    static final List<String> LIST_FIXTURES = List.of("xbox-webapi-node/users_me_clips.body.json",
            "xbox-webapi-node/users_xuid_clips.body.json", "xbox-webapi-node/public_titles_144389848_clips_saved.body.json",
            "xbox-webapi-python/responses/gameclips_recent_own.json", "xbox-webapi-python/responses/gameclips_recent_community.json");

    static ValidatableResponse get(String caller, String path) {
        return given().header("Authorization", token(caller)).when().get(path).then();
    }

    static JsonNode list(String caller, String path) throws Exception {
        return JSON.readTree(get(caller, path).statusCode(200).extract().asString());
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("gameClips").forEach(clip -> ids.add(clip.get("gameClipId").asText()));
        return ids;
    }

    @Test
    void everyListHasTheKeysAndJsonTypesOfEveryLiveFixture() throws Exception {
        String owner = "2533274800000301";
        List<String> withThumbnails = CatalogRows.insert(owner, 3, clip -> {
            clip.largeThumbnailSize = 20000L;
            clip.smallThumbnailSize = 3000L;
            clip.savedByUser = true;
        });
        List<JsonNode> responses = List.of(list(owner, "/users/me/clips?maxItems=2"),
                list(owner, "/users/xuid(" + owner + ")/clips?maxItems=25&skipItems=0"),
                list("2533274800000399", "/public/titles/" + TestTitles.TITLE_ID + "/clips/saved?qualifier=created&maxItems=2"),
                list(owner, "/public/titles/" + TestTitles.TITLE_ID + "/clips?qualifier=created"));
        for (String name : LIST_FIXTURES) {
            JsonNode fixture = JSON.readTree(Files.readString(ClipResourceTest.fixture(name)));
            for (JsonNode response : responses) {
                assertThat(fieldNames(response)).as(name).isEqualTo(fieldNames(fixture));
                assertThat(fieldNames(response.get("pagingInfo"))).as(name).isEqualTo(fieldNames(fixture.get("pagingInfo")));
                JsonNode expected = fixture.get("gameClips").get(0);
                for (JsonNode clip : response.get("gameClips")) {
                    if (!withThumbnails.contains(clip.get("gameClipId").asText())) {
                        continue; // a clip of another test, without thumbnails
                    }
                    Set<String> keys = fieldNames(expected);
                    keys.addAll(Set.of("source", "visibility"));
                    assertThat(fieldNames(clip)).as(name).isEqualTo(keys);
                    sameTypes(name, expected, clip);
                    sameTypes(name, expected.get("thumbnails").get(0), clip.get("thumbnails").get(0));
                    sameTypes(name, expected.get("gameClipUris").get(0), clip.get("gameClipUris").get(0));
                }
            }
        }
        assertThat(responses.get(0).get("pagingInfo").get("continuationToken").isTextual()).isTrue();
        assertThat(responses.get(1).get("pagingInfo").get("continuationToken").isNull()).isTrue();
    }

    @Test
    void anEmptyListIsExactlyWhatLiveSends() {
        String body = get("2533274800000302", "/users/me/clips").statusCode(200).extract().asString();
        assertThat(body).isEqualTo("{\"gameClips\":[],\"pagingInfo\":{\"continuationToken\":null}}");
    }

    @Test
    void everyRouteListsItsScope() throws Exception {
        String owner = "2533274800000303";
        List<String> saved = CatalogRows.insert(owner, 2, clip -> clip.savedByUser = true);
        List<String> unsaved = CatalogRows.insert(owner, 1);
        List<String> otherTitle = CatalogRows.insert(owner, 1, clip -> {
            clip.titleId = TestTitles.OTHER_TITLE_ID;
            clip.scid = TestTitles.OTHER_SCID;
        });
        List<String> all = new ArrayList<>(saved);
        all.addAll(unsaved);
        String me = "/users/me";
        assertThat(ids(list(owner, me + "/clips"))).containsExactlyInAnyOrderElementsOf(concat(all, otherTitle));
        assertThat(ids(list(owner, me + "/clips/saved"))).containsExactlyInAnyOrderElementsOf(saved);
        assertThat(ids(list(owner, me + "/scids/" + SCID + "/clips"))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(list(owner, me + "/titles/" + TestTitles.TITLE_ID + "/clips"))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(list(owner, me + "/titles/" + TestTitles.TITLE_ID + "/clips/saved"))).containsExactlyInAnyOrderElementsOf(saved);
        assertThat(ids(list(owner, "/public/scids/" + SCID + "/clips?qualifier=created"))).containsAll(all);
        assertThat(ids(list(owner, "/public/titles/" + TestTitles.TITLE_ID + "/clips/saved"))).containsAll(saved)
                .doesNotContainAnyElementsOf(unsaved);
        assertThat(ids(list(owner, "/users/me/clips?type=UserGenerated,Achievement"))).hasSize(4);
        assertThat(ids(list(owner, "/users/me/clips?type=Achievement"))).isEmpty();
        assertThat(ids(list(owner, "/users/me/clips?achievementId=abc"))).isEmpty();
    }

    @Test
    void othersSeeOnlyWhatVisibilityPrivacySandboxAndFlagsAllow() throws Exception {
        String owner = "2533274800000304";
        String viewer = "2533274800000305";
        String ownerPath = "/users/xuid(" + owner + ")/clips";
        String publicClip = CatalogRows.insert(owner, 1).get(0);
        String ownerOnly = CatalogRows.insert(owner, 1, clip -> clip.visibility = GameClipVisibility.Owner).get(0);
        String titleOnly = CatalogRows.insert(owner, 1, clip -> clip.visibility = GameClipVisibility.Title).get(0);
        String byDefault = CatalogRows.insert(owner, 1, clip -> clip.visibility = GameClipVisibility.Default).get(0);
        String flagged = CatalogRows.insert(owner, 1, clip -> clip.flaggedAt = clip.createdAt).get(0);
        String pending = CatalogRows.insert(owner, 1, clip -> clip.state = GameClipState.PendingUpload).get(0);
        CatalogRows.insert(owner, 1, clip -> clip.sandboxId = "RETAIL");

        assertThat(ids(list(owner, "/users/me/clips"))).hasSize(6).contains(ownerOnly, flagged, pending);
        assertThat(ids(list(viewer, ownerPath))).containsExactlyInAnyOrder(publicClip, titleOnly, byDefault);
        String otherTitleToken = "XBL3.0 x=-;" + DevTokens.user(viewer, TestTitles.OTHER_TITLE_ID, TestTitles.SANDBOX).sign();
        assertThat(ids(JSON.readTree(given().header("Authorization", otherTitleToken).get(ownerPath).then().statusCode(200)
                .extract().asString()))).containsExactlyInAnyOrder(publicClip, byDefault);
        assertThat(ids(list(viewer, "/public/scids/" + SCID + "/clips"))).contains(publicClip, titleOnly, byDefault)
                .doesNotContain(ownerOnly, flagged, pending);

        given().header("Authorization", token(owner)).contentType("application/json").body("{\"createdContent\":\"OwnerOnly\"}")
                .when().put("/users/me/privacy/gameclips").then().statusCode(200).body("createdContent", equalTo("OwnerOnly"));
        get(owner, "/users/me/privacy/gameclips").statusCode(200).body("createdContent", equalTo("OwnerOnly"));
        assertThat(ids(list(viewer, ownerPath))).containsExactlyInAnyOrder(publicClip, titleOnly);
        given().header("Authorization", token(owner)).contentType("application/json").body("{\"createdContent\":\"Friends\"}")
                .when().put("/users/me/privacy/gameclips").then().statusCode(400).body("errorMessage", containsString("OwnerOnly"));

        String retailViewer = "XBL3.0 x=-;" + DevTokens.user(viewer, TestTitles.TITLE_ID, "RETAIL").sign();
        assertThat(ids(JSON.readTree(given().header("Authorization", retailViewer).get(ownerPath).then().statusCode(200)
                .extract().asString()))).hasSize(1);
    }

    @Test
    void theUploadRouteAndTheListShareTheirPath() {
        get("2533274800000306", "/users/me/scids/" + SCID + "/clips").statusCode(200).body("gameClips", hasSize(0));
    }

    @Test
    void badParametersAreClear400sAndForeignScopes403() {
        String caller = "2533274800000307";
        CatalogRows.insert(caller, 3);
        String token = get(caller, "/users/me/clips?maxItems=1").statusCode(200).extract().path("pagingInfo.continuationToken");
        String forged = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        bad(caller, "/users/somebody/clips", "ownerId");
        bad(caller, "/users/xuid(12a)/clips", "ownerId");
        bad(caller, "/users/me/clips?maxItems=0", "maxItems");
        bad(caller, "/users/me/clips?maxItems=101", "maxItems");
        bad(caller, "/users/me/clips?skipItems=-3", "skipItems");
        bad(caller, "/users/me/clips?continuationToken=" + forged, "continuationToken");
        bad(caller, "/users/me/clips?continuationToken=%%%%", "continuationToken");
        bad(caller, "/users/me/clips/saved?continuationToken=" + token, "continuationToken");
        bad(caller, "/users/me/clips?qualifier=likes", "qualifier");
        bad(caller, "/users/me/clips?order=Z", "order");
        bad(caller, "/users/me/clips?type=Funny", "Funny");
        bad(caller, "/users/me/titles/abc/clips", "titleId");
        bad(caller, "/users/me/scids/not-a-guid/clips", "GUID");
        bad(caller, "/public/scids/" + SCID + "/clips?order=A", "ascending");
        get(caller, "/users/me/clips?qualifer=views&order=A").statusCode(200);
        get(caller, "/public/scids/" + TestTitles.UNREGISTERED_SCID + "/clips").statusCode(403);
        get(caller, "/public/titles/" + TestTitles.OTHER_TITLE_ID + "/clips").statusCode(403)
                .body("errorMessage", containsString("does not belong to the caller's title"));
        given().when().get("/users/me/clips").then().statusCode(401);
    }

    static void bad(String caller, String path, String messagePart) {
        get(caller, path).statusCode(400).body("errorCode", equalTo(4000)).body("errorMessage", containsString(messagePart));
    }

    static void sameTypes(String name, JsonNode expected, JsonNode actual) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            assertThat(actual.get(field.getKey()).getNodeType()).as(name + ": " + field.getKey()).isEqualTo(field.getValue().getNodeType());
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
