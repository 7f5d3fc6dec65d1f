package io.savepoint.metadata;

import static io.restassured.RestAssured.given;
import static io.savepoint.metadata.clips.ClipFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.InitialUploadRequests;
import io.savepoint.testing.RepoPaths;
import io.savepoint.testing.ServicePeer;
import io.savepoint.testing.TestDatabase;
import io.savepoint.testing.TestTitles;

/**
 * An operator's environment from before the variables were renamed still configures the packaged service: the two
 * secrets the production profile cannot start without, the titles file and a clip limit are all given under their old
 * names only, and the log names each variable to rename.
 */
class RenamedVariablesIT {

    @Test
    void oldVariableNamesStillConfigureThePackagedService() throws IOException {
        try (TestDatabase db = TestDatabase.create("savepoint_metadata")) {
            int httpPort = ServicePeer.freePort();
            int grpcPort = ServicePeer.freePort();
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("PATH", System.getenv("PATH"));
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
            environment.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(grpcPort));
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            environment.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
            environment.put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
            environment.put("SAVEPOINT_JWT_PUBLIC_KEY_LOCATION", RepoPaths.devPublicKey().toString());
            environment.put("SAVEPOINT_JWT_ISSUER", DevTokens.ISSUER);
            environment.put("SAVEPOINT_SERVICE_SECRET", ServicePeer.SERVICE_SECRET);
            environment.put("SAVEPOINT_DOWNLOAD_URI_SECRET", ServicePeer.DOWNLOAD_URI_SECRET);
            environment.put("SAVEPOINT_TITLES_FILE",
                    RepoPaths.root().resolve("test-support/src/main/resources/savepoint-test-titles.json").toString());
            environment.put("SAVEPOINT_CLIP_MAX_BLOCKS", "3");
            try (ServicePeer metadata = ServicePeer.launchWithEnvironment("metadata-service", environment, httpPort, grpcPort)) {
                metadata.awaitLive(Duration.ofSeconds(90));
                given().baseUri(metadata.httpUrl()).header("Authorization", token("2533274800000931")).contentType(ContentType.JSON)
                        .body(InitialUploadRequests.body(body -> body.put("fileSize", 5000).put("expectedBlocks", 5)))
                        .when().post("/users/me/scids/" + TestTitles.SCID + "/clips").then().statusCode(400)
                        .body("errorMessage", containsString("expectedBlocks must be between 1 and 3"));
            }
            String log = Files.readString(Path.of("target", "metadata-service-peer-" + httpPort + ".log"));
            assertThat(log).contains("SAVEPOINT_SERVICE_SECRET is an old name").contains("SAVEPOINT_SERVICE_AUTH_SECRET")
                    .contains("SAVEPOINT_CLIP_MAX_BLOCKS is an old name");
        }
    }
}
