package io.savepoint.metadata.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.RepoPaths;

/** deploy/local/token's --ttl as its usage text describes it, against a service verifying with its clock skew. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class TokenScriptTest {

    @Test
    void aNegativeTtlMintsATokenThatExpiredThatLongAgoAndIsRefused() throws Exception {
        long before = Instant.now().getEpochSecond();
        String token = mint("--operator", "--ttl", "-120");
        long after = Instant.now().getEpochSecond();

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("exp").asLong()).isBetween(before - 120, after - 120);
        // issued when it expired, never after
        assertThat(claims.get("iat").asLong()).isEqualTo(claims.get("exp").asLong());
        given().auth().oauth2(token).when().get("/admin/titles").then().statusCode(401);
    }

    @Test
    void aTtlOfZeroIsAcceptedWithinTheClockSkewAndOneSecondBeyondItIsRefused() throws Exception {
        given().auth().oauth2(mint("--operator", "--ttl", "0")).when().get("/admin/titles").then().statusCode(200);
        String beyondTheSkew = "-" + (DevTokens.TEST_CLOCK_SKEW.toSeconds() + 1);
        given().auth().oauth2(mint("--operator", "--ttl", beyondTheSkew)).when().get("/admin/titles").then().statusCode(401);
    }

    private static String mint(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RepoPaths.root().resolve("deploy/local/token").toString()));
        command.addAll(List.of(options));
        Process script = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String token = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String errors = new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as("deploy/local/token %s: %s", String.join(" ", options), errors).isZero();
        return token;
    }
}
