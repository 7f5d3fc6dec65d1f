package io.savepoint.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.MetadataPeerResource;
import io.savepoint.testing.ProductionProfileResource;
import io.savepoint.testing.TestTitles;

/**
 * The packaged storage-service (the jar here, the native executable with -Pnative) in the production profile, resolving
 * titles through the packaged metadata-service: binary and JSON blobs, ranges, quota, the multipart batch read, and
 * bad input, through what a native image must register (DTOs, JSON trees, the file block store).
 */
@QuarkusIntegrationTest
@WithTestResource(value = ProductionProfileResource.class, initArgs = {
        @ResourceArg(name = "database", value = "savepoint_storage"),
        @ResourceArg(name = "grpcServer", value = "free"),
        @ResourceArg(name = "savepoint.storage.data-dir", value = "target/packaged-it-blobs")})
@WithTestResource(MetadataPeerResource.class)
class PackagedTitleStorageIT {

    static final String XUID = "2533274800000921";
    static final String OTHER = "2533274800000922";

    static RequestSpecification as(String xuid) {
        return given().header("Authorization", "XBL3.0 x=1;" + DevTokens.user(xuid, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign())
                .header("x-xbl-contract-version", "1");
    }

    static String data(String xuid) {
        return "/universalplatform/users/xuid(" + xuid + ")/scids/" + TestTitles.SCID + "/data/";
    }

    @Test
    void blobsRoundTripWithRangesQuotaAndBatch() {
        byte[] content = new byte[5000];
        new Random(7).nextBytes(content);
        String url = data(XUID) + "saves/slot.dat,binary";
        String etag = as(XUID).contentType("application/octet-stream").body(content).put(url + "?finalBlock=true")
                .then().log().ifValidationFails().statusCode(201).extract().header("ETag");
        assertThat(as(XUID).get(url).then().statusCode(200).header("ETag", etag).extract().asByteArray()).isEqualTo(content);
        assertThat(as(XUID).header("Range", "bytes=100-199").get(url).then().statusCode(206).extract().asByteArray())
                .isEqualTo(Arrays.copyOfRange(content, 100, 200));
        as(XUID).get("/universalplatform/users/xuid(" + XUID + ")/scids/" + TestTitles.SCID).then().statusCode(200)
                .body("quotaInfo.usedBytes", equalTo(5000));
        as(XUID).get(data(XUID) + "saves").then().statusCode(200).body("blobs[0].fileName", equalTo("saves/slot.dat,binary"));

        as(OTHER).contentType(ContentType.JSON).body("{\"level\":3}").put(data(OTHER) + "profile.json,json").then().statusCode(201);
        as(OTHER).get(data(OTHER) + "profile.json,json").then().statusCode(200).body("level", equalTo(3));
        as(XUID).contentType(ContentType.JSON).body("{\"xuids\":[" + OTHER + "," + XUID + "]}")
                .post("/universalplatform/users/batch/scids/" + TestTitles.SCID + "/data/profile.json,json")
                .then().statusCode(200).contentType(containsString("multipart/form-data; boundary="))
                .body(containsString("{\"level\":3}"));
    }

    @Test
    void badInputIsAClear4xx() {
        as(XUID).contentType(ContentType.JSON).body("{\"a\":").put(data(XUID) + "bad.json,json").then().statusCode(400)
                .body("errorMessage", notNullValue());
        as(XUID).contentType(ContentType.JSON).body("{\"xuids\":[\"abc\"]}")
                .post("/universalplatform/users/batch/scids/" + TestTitles.SCID + "/data/x.bin,binary").then().statusCode(400);
        given().get(data(XUID) + "x.bin,binary").then().statusCode(401);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
