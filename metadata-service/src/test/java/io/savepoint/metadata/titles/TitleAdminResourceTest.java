package io.savepoint.metadata.titles;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class TitleAdminResourceTest {

    static final String OPERATOR = DevTokens.operator().sign();

    static String title(long id, String scid) {
        return """
                {"titleId": %d, "scids": ["%s"], "sandboxIds": ["RETAIL"], "displayNames": {"en-US": "Title %d"},
                 "clipNames": {"42": {"en-US": "Headshot"}},
                 "storagePolicies": {"universal": {"readAccess": "Everyone"}}}
                """.formatted(id, scid, id);
    }

    @Test
    void importedTitlesFileIsServed() {
        given().auth().oauth2(OPERATOR)
                .when().get("/admin/titles/" + TestTitles.TITLE_ID)
                .then().statusCode(200)
                .body("scids", hasItem(TestTitles.SCID))
                .body("displayNames.'fr-FR'", equalTo("Titre de test"))
                .body("storagePolicies.trusted.readAccess", equalTo("OwnerOnly"))
                .body("storagePolicies.json.enabled", equalTo(false))
                // omitted families get the spec's defaults
                .body("storagePolicies.global.quotaBytes", equalTo(268435456))
                .body("storagePolicies.global.readAccess", equalTo("Everyone"));
    }

    @Test
    void createReplaceAndDelete() {
        String scid = "11111111-2222-3333-4444-000000000001";
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(title(2000001, scid.toUpperCase()))
                .when().put("/admin/titles/2000001")
                .then().statusCode(201)
                .header("Location", containsString("/admin/titles/2000001"))
                .body("scids[0]", equalTo(scid))
                .body("defaultLocale", equalTo("en-US"))
                .body("clipQuotaBytes", equalTo(2L << 30));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(title(2000001, scid).replace("Title 2000001", "Renamed"))
                .when().put("/admin/titles/2000001")
                .then().statusCode(200)
                .body("displayNames.'en-US'", equalTo("Renamed"));
        given().auth().oauth2(OPERATOR).when().get("/admin/titles")
                .then().statusCode(200).body("titleId", hasItem(2000001));
        given().auth().oauth2(OPERATOR).when().delete("/admin/titles/2000001").then().statusCode(204);
        given().auth().oauth2(OPERATOR).when().delete("/admin/titles/2000001")
                .then().statusCode(404).body("errorCode", equalTo(4040));
    }

    @Test
    void scidOfAnotherTitleIsAConflict() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(title(2000002, TestTitles.SCID))
                .when().put("/admin/titles/2000002")
                .then().statusCode(409)
                .body("errorCode", equalTo(4090))
                .body("errorMessage", containsString(TestTitles.SCID))
                .body("errorMessage", containsString(Long.toString(TestTitles.TITLE_ID)));
        given().auth().oauth2(OPERATOR).when().get("/admin/titles/2000002").then().statusCode(404);
    }

    @Test
    void invalidDocumentsAreRefusedWithTheFieldNamed() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body("{\"titleId\": 2000003, \"scids\": [\"not-a-guid\"], \"sandboxIds\": [\"RETAIL\"],"
                        + " \"displayNames\": {\"en-US\": \"x\"}}")
                .when().put("/admin/titles/2000003")
                .then().statusCode(400).body("errorMessage", containsString("GUID"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(title(2000004, "11111111-2222-3333-4444-000000000004").replace("\"universal\"", "\"floppy\""))
                .when().put("/admin/titles/2000004")
                .then().statusCode(400).body("errorMessage", containsString("floppy"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(title(2000005, "11111111-2222-3333-4444-000000000005"))
                .when().put("/admin/titles/2000006")
                .then().statusCode(400).body("errorMessage", containsString("does not match"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{not json")
                .when().put("/admin/titles/2000007")
                .then().statusCode(400).body("errorCode", equalTo(4000));
    }

    @Test
    void operatorRoleIsRequired() {
        String user = DevTokens.user("2533274800000001", TestTitles.TITLE_ID, TestTitles.SANDBOX).sign();
        given().auth().oauth2(user).when().get("/admin/titles")
                .then().statusCode(403)
                .contentType(ContentType.JSON)
                .body("errorCode", equalTo(4500))
                .body("errorMessage", containsString("operator"));
    }

    @Test
    void xblHeaderFormsAreAccepted() {
        given().header("Authorization", "XBL3.0 x=-;" + OPERATOR).when().get("/admin/titles").then().statusCode(200);
        given().header("Authorization", "XBL3.0 x=1234567890;" + OPERATOR).when().get("/admin/titles").then().statusCode(200);
        given().header("Authorization", "Bearer " + OPERATOR).when().get("/admin/titles").then().statusCode(200);
    }

    @Test
    void badTokensAre401WithABody() {
        DevTokens operator = DevTokens.operator();
        for (String header : new String[] {
                "Bearer " + operator.signWithForeignKey(),
                "Bearer " + operator.unsigned(),
                "Bearer " + DevTokens.operator().expiresAt(Instant.now().minusSeconds(3600)).sign(),
                "Bearer " + DevTokens.operator().issuer("https://evil.example").sign(),
                "Bearer not.a.jwt",
                "XBL3.0 " + OPERATOR,
                "Xauth=" + OPERATOR}) {
            given().header("Authorization", header).when().get("/admin/titles")
                    .then().statusCode(401)
                    .contentType(ContentType.JSON)
                    .header("WWW-Authenticate", startsWith("XBL3.0"))
                    .body("errorCode", equalTo(4500))
                    .body("errorMessage", containsString("token"));
        }
        given().when().get("/admin/titles")
                .then().statusCode(401).body("errorMessage", containsString("Authorization: XBL3.0"));
    }

    @Test
    void aTokenExpiredByMoreThanTheClockSkewIs401AndOneWithinItIsAccepted() {
        given().auth().oauth2(DevTokens.operator().expiredFor(DevTokens.TEST_CLOCK_SKEW.plusSeconds(1)).sign())
                .when().get("/admin/titles")
                .then().statusCode(401).body("errorCode", equalTo(4500));
        given().auth().oauth2(DevTokens.operator().expiredFor(Duration.ofSeconds(2)).sign())
                .when().get("/admin/titles")
                .then().statusCode(200);
    }

    @Test
    void contractVersions() {
        given().auth().oauth2(OPERATOR).header("x-xbl-contract-version", "1").when().get("/admin/titles").then().statusCode(200);
        given().auth().oauth2(OPERATOR).header("x-xbl-contract-version", "2").when().get("/admin/titles").then().statusCode(200);
        given().auth().oauth2(OPERATOR).header("X-RequestedServiceVersion", "1").when().get("/admin/titles").then().statusCode(200);
        given().auth().oauth2(OPERATOR).header("x-xbl-contract-version", "7").when().get("/admin/titles")
                .then().statusCode(406).body("errorMessage", containsString("x-xbl-contract-version"));
        given().auth().oauth2(OPERATOR).header("X-RequestedServiceVersion", "vnext").when().get("/admin/titles")
                .then().statusCode(406).body("errorMessage", containsString("X-RequestedServiceVersion"));
    }
}
