package io.savepoint.metadata.clips.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.InitialUploadRequests;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/**
 * The initial upload request without storage-service (the test profile points the storage client at port 1): the
 * checks before the reservation answer as usual, and a valid request is 503 + Retry-After with no clip stored.
 * The whole flow with a real storage-service is transfer-service's InitialUploadTest.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class ClipUploadResourceTest {

    static final String PATH = "/users/me/scids/" + TestTitles.SCID + "/clips";
    static final String CALLER = "2533274800000099";

    static String token() {
        return "XBL3.0 x=-;" + DevTokens.user(CALLER, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign();
    }

    @Test
    void storageDownIs503WithRetryAfterAndNoClip() {
        given().header("Authorization", token()).header("x-xbl-contract-version", "1").contentType(ContentType.JSON)
                .body(InitialUploadRequests.FIXTURE)
                .when().post(PATH)
                .then().statusCode(503).header("Retry-After", equalTo("5")).body("errorCode", equalTo(5300));
        // Other test classes share this application and database: count this caller's clips only.
        assertEquals(0, GameClip.count("ownerXuid", CALLER));
    }

    @Test
    void malformedJsonIs400BeforeAnyCall() {
        given().header("Authorization", token()).contentType(ContentType.JSON).body("{\"fileSize\": ")
                .when().post(PATH)
                .then().statusCode(400).body("errorCode", equalTo(4000)).body("errorMessage", containsString("Malformed JSON"));
    }

    @Test
    void moreBlocksThanConfiguredIs400NamingTheLimit() {
        given().header("Authorization", token()).contentType(ContentType.JSON)
                .body(InitialUploadRequests.body(body -> body.put("fileSize", 50_000_000).put("expectedBlocks", 10_001)))
                .when().post(PATH)
                .then().statusCode(400).body("errorCode", equalTo(4000))
                .body("errorMessage", containsString("expectedBlocks must be between 1 and 10000"));
    }

    @Test
    void noTokenIs401() {
        given().contentType(ContentType.JSON).body(InitialUploadRequests.FIXTURE)
                .when().post(PATH)
                .then().statusCode(401).header("WWW-Authenticate", containsString("XBL3.0"));
    }
}
