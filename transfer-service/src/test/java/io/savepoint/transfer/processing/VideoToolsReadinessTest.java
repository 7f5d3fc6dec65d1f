package io.savepoint.transfer.processing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.savepoint.testing.AllPeersResource;

/**
 * An instance that processes clips is not ready without ffmpeg: it would take uploads whose clips then wait in
 * Processing and end in Error. Its peers are up, so the tools alone make it not ready. (With the tools installed it is
 * ready: ThreeServicesTest.)
 */
@QuarkusTest
@TestProfile(VideoToolsReadinessTest.FfmpegMissing.class)
@WithTestResource(AllPeersResource.class)
class VideoToolsReadinessTest {

    public static class FfmpegMissing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("savepoint.transfer.ffmpeg-path", "/nonexistent/ffmpeg");
        }
    }

    @Test
    void aMissingFfmpegMakesTheServiceNotReadyNamingThePathAndHowToInstallIt() {
        given().when().get("/q/health/ready").then().log().ifValidationFails().statusCode(503)
                .body("checks.find { it.name == 'gRPC dependencies' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ffmpeg and ffprobe' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'ffmpeg and ffprobe' }.data.ffmpeg", containsString("/nonexistent/ffmpeg"))
                .body("checks.find { it.name == 'ffmpeg and ffprobe' }.data.ffprobe", containsString("ffprobe version"))
                .body("checks.find { it.name == 'ffmpeg and ffprobe' }.data.hint", containsString("apt-get install ffmpeg"));
    }
}
