package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.TestTitles;

/** All three services run together from their real builds, and every one of them is ready. */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class ThreeServicesTest {

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @ConfigProperty(name = "savepoint.test.storage-url")
    String storageUrl;

    @Test
    void everyServiceIsReady() {
        given().when().get("/q/health/ready").then().log().ifValidationFails().statusCode(200)
                .body("checks.find { it.name == 'gRPC dependencies' }.data.'clip-catalog'", containsString("UP"))
                .body("checks.find { it.name == 'gRPC dependencies' }.data.'blob-store'", containsString("UP"))
                .body("checks.find { it.name == 'ffmpeg and ffprobe' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ffmpeg and ffprobe' }.data.ffmpeg", containsString("ffmpeg version"));
        given().baseUri(storageUrl).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(metadataUrl).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aRequestCrossesServices() {
        given().baseUri(storageUrl)
                .header("Authorization", "XBL3.0 x=-;" + DevTokens.user("2533274800000001", TestTitles.TITLE_ID, TestTitles.SANDBOX).sign())
                .when().get("/trustedplatform/users/xuid(2533274800000001)/scids/" + TestTitles.SCID)
                .then().statusCode(200).body("quotaInfo.quotaBytes", equalTo(268435456));
    }
}
