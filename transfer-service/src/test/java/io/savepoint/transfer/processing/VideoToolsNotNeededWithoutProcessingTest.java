package io.savepoint.transfer.processing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An instance that processes no clips needs no ffmpeg: its readiness does not depend on the tools. */
@QuarkusTest
@TestProfile(VideoToolsNotNeededWithoutProcessingTest.ProcessingDisabledWithoutTools.class)
class VideoToolsNotNeededWithoutProcessingTest {

    public static class ProcessingDisabledWithoutTools implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("savepoint.transfer.processing-enabled", "false",
                    "savepoint.transfer.ffmpeg-path", "/nonexistent/ffmpeg",
                    "savepoint.transfer.ffprobe-path", "/nonexistent/ffprobe");
        }
    }

    @Test
    void theToolsCheckIsUpSayingProcessingIsDisabled() {
        // no peers run here, so only this check is asserted, not the whole readiness
        given().when().get("/q/health/ready").then().log().ifValidationFails()
                .body("checks.find { it.name == 'ffmpeg and ffprobe' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ffmpeg and ffprobe' }.data.processing", containsString("disabled"));
    }
}
