package io.savepoint.metadata;

import static io.restassured.RestAssured.given;
import static io.savepoint.metadata.clips.ClipFixtures.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.savepoint.metadata.clips.StoragePeerResource;
import io.savepoint.testing.InitialUploadRequests;
import io.savepoint.testing.ProductionProfileResource;
import io.savepoint.testing.TestTitles;

/**
 * The packaged metadata-service (the jar here, the native executable with -Pnative) in the production profile, with the
 * packaged storage-service as its peer: the JSON in and out of the clip API, which in a native image only works when
 * every DTO is registered for reflection, and the operations endpoints.
 */
@QuarkusIntegrationTest
@WithTestResource(value = ProductionProfileResource.class, initArgs = {
        @ResourceArg(name = "database", value = "savepoint_metadata"),
        @ResourceArg(name = "savepoint.metadata.titles-file", value = "../test-support/src/main/resources/savepoint-test-titles.json")})
@WithTestResource(StoragePeerResource.class)
class PackagedCatalogIT {

    static final String OWNER = "2533274800000911";
    static final String VIEWER = "2533274800000912";

    @Test
    void aClipIsCreatedListedReadUpdatedAndDeleted() {
        String uploadPath = "/users/me/scids/" + TestTitles.SCID + "/clips";
        String id = given().header("Authorization", token(OWNER)).contentType(ContentType.JSON)
                .body(InitialUploadRequests.body(body -> body.put("userCaption", "packaged")))
                .when().post(uploadPath).then().log().ifValidationFails().statusCode(200)
                .body("uploadUri", startsWith("http")).extract().path("gameClipId");

        String clipPath = uploadPath + "/" + id;
        given().header("Authorization", token(OWNER)).when().get(clipPath).then().log().ifValidationFails().statusCode(200)
                .body("gameClip.gameClipId", equalTo(id)).body("gameClip.state", equalTo("PendingUpload"))
                .body("gameClip.userCaption", equalTo("packaged")).body("gameClip.xuid", equalTo(OWNER));
        given().header("Authorization", token(OWNER)).when().get("/users/me/clips?maxItems=5").then().statusCode(200)
                .body("gameClips.gameClipId", hasItem(id)).body("pagingInfo.continuationToken", equalTo(null));
        given().header("Authorization", token(OWNER)).contentType(ContentType.JSON).body("{\"userCaption\":\"renamed\"}")
                .when().post(clipPath).then().log().ifValidationFails().statusCode(200);
        given().header("Authorization", token(OWNER)).when().get(clipPath).then().body("gameClip.userCaption", equalTo("renamed"));
        given().header("Authorization", token(OWNER)).when().delete(clipPath).then().statusCode(204);
        given().header("Authorization", token(OWNER)).when().get(clipPath).then().statusCode(404);
    }

    @Test
    void badInputAndStrangersGetClear4xx() {
        given().header("Authorization", token(OWNER)).contentType(ContentType.JSON).body("{\"fileSize\":")
                .when().post("/users/me/scids/" + TestTitles.SCID + "/clips").then().statusCode(400)
                .body("errorMessage", notNullValue());
        given().header("Authorization", token(VIEWER)).when().get("/users/me/clips?maxItems=0").then().statusCode(400)
                .body("errorMessage", containsString("maxItems"));
        given().when().get("/users/me/clips").then().statusCode(401);
        given().header("Authorization", token(VIEWER)).when().get("/users/me/clips").then().statusCode(200)
                .body(equalTo("{\"gameClips\":[],\"pagingInfo\":{\"continuationToken\":null}}"));
    }

    @Test
    void privacyRoundTripsAsJson() {
        given().header("Authorization", token(VIEWER)).contentType(ContentType.JSON).body("{\"createdContent\":\"OwnerOnly\"}")
                .when().put("/users/me/privacy/gameclips").then().statusCode(200).body("createdContent", equalTo("OwnerOnly"));
        given().header("Authorization", token(VIEWER)).when().get("/users/me/privacy/gameclips").then().statusCode(200)
                .body("createdContent", equalTo("OwnerOnly"));
    }

    @Test
    void operationsEndpointsAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
