package io.savepoint.storage.titlestorage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.MetadataPeerResource;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/**
 * The quota endpoint crosses services: storage-service resolves the SCID through a real metadata-service (its own
 * JVM and database) over gRPC. Also the identity rules every public endpoint follows.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
@WithTestResource(MetadataPeerResource.class)
class QuotaResourceTest {

    static final String XUID = "2533274800000001";
    static final String TRUSTED = "/trustedplatform/users/xuid(" + XUID + ")/scids/" + TestTitles.SCID;

    static DevTokens user() {
        return DevTokens.user(XUID, TestTitles.TITLE_ID, TestTitles.SANDBOX);
    }

    static RequestSpecification xbl(String jwt) {
        return given().header("Authorization", "XBL3.0 x=1234567890;" + jwt).header("x-xbl-contract-version", "1");
    }

    @Test
    void quotaOfEachFamilyComesFromTheTitlePolicy() {
        xbl(user().sign()).when().get(TRUSTED)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body(equalTo("{\"quotaInfo\":{\"usedBytes\":0,\"quotaBytes\":268435456}}"));
        given().auth().oauth2(user().sign())
                .when().get("/universalplatform/users/xuid(" + XUID + ")/scids/" + TestTitles.SCID)
                .then().statusCode(200).body("quotaInfo.quotaBytes", equalTo(67108864));
        xbl(user().sign()).when().get("/sessions/TestTemplate~TestSession/scids/" + TestTitles.SCID)
                .then().statusCode(200).body("quotaInfo.quotaBytes", equalTo(268435456));
        // other tests of this run write global blobs of the same SCID: only the limit is fixed here
        xbl(user().sign()).when().get("/global/scids/" + TestTitles.SCID)
                .then().statusCode(200).body("quotaInfo.quotaBytes", equalTo(268435456));
        // the admin tool's identity: XBL3.0 x=-; with an operator token and no user claims
        given().header("Authorization", "XBL3.0 x=-;" + DevTokens.operator().claim("sandboxId", TestTitles.SANDBOX).sign())
                .when().get("/global/scids/" + TestTitles.SCID)
                .then().statusCode(200).body("quotaInfo.quotaBytes", equalTo(268435456));
    }

    @Test
    void ownerOnlyAndEveryonePolicies() {
        String other = "/trustedplatform/users/xuid(2533274800000002)/scids/" + TestTitles.SCID;
        xbl(user().sign()).when().get(other)
                .then().statusCode(403).body("errorMessage", containsString("owner only"));
        xbl(user().sign()).when().get("/universalplatform/users/xuid(2533274800000002)/scids/" + TestTitles.SCID)
                .then().statusCode(200);
        xbl(user().sign()).when().get("/json/users/xuid(" + XUID + ")/scids/" + TestTitles.SCID)
                .then().statusCode(403).body("errorMessage", containsString("json storage is not enabled"));
    }

    @Test
    void contentIsolation() {
        xbl(user().sign()).when().get("/trustedplatform/users/xuid(" + XUID + ")/scids/" + TestTitles.OTHER_SCID)
                .then().statusCode(403).contentType(ContentType.JSON)
                .body("errorCode", equalTo(4500))
                .body("errorMessage", containsString("does not belong to the caller's title"));
        xbl(user().sign()).when().get("/trustedplatform/users/xuid(" + XUID + ")/scids/" + TestTitles.UNREGISTERED_SCID)
                .then().statusCode(403).body("errorMessage", containsString("not registered"));
        xbl(DevTokens.user(XUID, TestTitles.TITLE_ID, "CERT.2").sign()).when().get(TRUSTED)
                .then().statusCode(403).body("errorMessage", containsString("sandbox CERT.2"));
        xbl(user().sign()).when().get("/trustedplatform/users/xuid(" + XUID + ")/scids/not-a-scid")
                .then().statusCode(400).body("errorMessage", containsString("not a GUID"));
        xbl(user().sign()).when().get("/trustedplatform/users/" + XUID + "/scids/" + TestTitles.SCID)
                .then().statusCode(400).body("errorMessage", containsString("xuid("));
    }

    @Test
    void eachMissingClaimIs403NamingIt() {
        for (String claim : new String[] {"xuid", "deviceType", "deviceId", "titleId", "sandboxId"}) {
            xbl(user().without(claim).sign()).when().get(TRUSTED)
                    .then().statusCode(403).contentType(ContentType.JSON)
                    .body("errorCode", equalTo(4500))
                    .body("errorMessage", containsString("lacks required claim(s): " + claim + "."));
        }
        xbl(user().claim("titleId", "halo").sign()).when().get(TRUSTED)
                .then().statusCode(403).body("errorMessage", containsString("decimal title id"));
    }

    @Test
    void invalidTokensAre401() {
        String[] headers = {
                "XBL3.0 x=1;" + user().signWithForeignKey(),
                "XBL3.0 x=1;" + user().unsigned(),
                "Bearer " + user().unsigned(),
                "XBL3.0 x=1;" + user().expiresAt(Instant.now().minusSeconds(60)).sign(),
                "XBL3.0 x=1;" + user().issuer("https://someone-else.example").sign(),
                "XBL3.0 x=1;",
                "Basic dXNlcjpwYXNz"};
        for (String header : headers) {
            given().header("Authorization", header).when().get(TRUSTED)
                    .then().statusCode(401).contentType(ContentType.JSON)
                    .body("errorCode", equalTo(4500))
                    .body("errorMessage", containsString("oken"));
        }
        given().when().get(TRUSTED).then().statusCode(401).body("errorMessage", containsString("Authentication required"));
    }

    @Test
    void aTokenExpiredByMoreThanTheClockSkewIs401AndOneWithinItIsAccepted() {
        xbl(user().expiredFor(DevTokens.TEST_CLOCK_SKEW.plusSeconds(1)).sign()).when().get(TRUSTED)
                .then().statusCode(401).body("errorCode", equalTo(4500));
        xbl(user().expiredFor(Duration.ofSeconds(2)).sign()).when().get(TRUSTED)
                .then().statusCode(200);
    }

    @Test
    void unsupportedContractVersionIs406() {
        given().auth().oauth2(user().sign()).header("x-xbl-contract-version", "3").when().get(TRUSTED)
                .then().statusCode(406).body("errorMessage", containsString("versions 1 and 2"));
    }

    @Test
    void readyWithDatabaseAndMetadataService() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gRPC dependencies' }.data.'title-directory'", containsString("UP"));
    }
}
