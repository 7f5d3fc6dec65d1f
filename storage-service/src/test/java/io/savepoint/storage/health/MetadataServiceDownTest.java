package io.savepoint.storage.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.ServicePeer;
import io.savepoint.testing.TestTitles;

/** With metadata-service down, requests that need it answer 503 + Retry-After quickly, and readiness says DOWN. */
@QuarkusTest
@TestProfile(MetadataServiceDownTest.NoMetadataService.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
class MetadataServiceDownTest {

    public static class NoMetadataService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String deadPort = Integer.toString(ServicePeer.freePort());
            return Map.of("quarkus.grpc.clients.title-directory.host", "127.0.0.1",
                    "quarkus.grpc.clients.title-directory.port", deadPort,
                    "quarkus.grpc.clients.title-directory.test-port", deadPort);
        }
    }

    @Test
    void dependencyDownIs503WithRetryAfter() {
        long start = System.nanoTime();
        given().auth().oauth2(DevTokens.user("2533274800000001", TestTitles.TITLE_ID, TestTitles.SANDBOX).sign())
                .when().get("/trustedplatform/users/xuid(2533274800000001)/scids/" + TestTitles.SCID)
                .then().statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("errorCode", equalTo(5300))
                .body("errorMessage", containsString("retry later"));
        // Not a speed target: only that the request fails instead of hanging on the dead peer (generous for loaded CI).
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(60_000);
    }

    @Test
    void notReady() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'gRPC dependencies' }.data.'title-directory'", containsString("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
