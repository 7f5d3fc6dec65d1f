package io.savepoint.storage.titlestorage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.MetadataPeerResource;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.RepoPaths;
import io.savepoint.testing.TestTitles;

/**
 * Our responses have the keys and JSON types of the responses real clients parse: the XSAPI mocks and the
 * xbox-live-developer-tools fixtures in shared/fixtures/xbox-live.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
@WithTestResource(MetadataPeerResource.class)
class FixtureContractTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode fixture(String name) throws IOException {
        Path file = RepoPaths.root().resolve("../shared/fixtures/xbox-live").resolve(name).normalize();
        assertThat(file).as("fixtures are expected beside the repository, at ../shared").exists();
        return JSON.readTree(Files.readAllBytes(file));
    }

    /** Every key of the fixture is in ours with the same JSON type (a string may also be null where ours ends paging). */
    static void assertSameShape(String where, JsonNode fixture, JsonNode ours) {
        if (fixture.isObject()) {
            assertThat(ours.isObject()).as(where + " is an object").isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = fixture.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                assertThat(ours.has(field.getKey())).as(where + "." + field.getKey() + " is present").isTrue();
                assertSameShape(where + "." + field.getKey(), field.getValue(), ours.get(field.getKey()));
            }
        } else if (fixture.isArray()) {
            assertThat(ours.isArray()).as(where + " is an array").isTrue();
            if (fixture.size() > 0 && ours.size() > 0) {
                assertSameShape(where + "[0]", fixture.get(0), ours.get(0));
            }
        } else if (fixture.isTextual()) {
            assertThat(ours.isTextual() || ours.isNull()).as(where + " is a string").isTrue();
        } else {
            assertThat(ours.getNodeType()).as(where + " type").isEqualTo(fixture.getNodeType());
        }
    }

    static RequestSpecification as(String xuid) {
        return given().header("Authorization", "XBL3.0 x=1;" + DevTokens.user(xuid, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign())
                .header("x-xbl-contract-version", "1");
    }

    @Test
    void xsapiShapes() throws IOException {
        String xuid = Long.toString(2533274900000000L + new Random().nextInt(1_000_000));
        String prefix = "/trustedplatform/users/xuid(" + xuid + ")/scids/" + TestTitles.SCID;
        as(xuid).body("{\"a\":1}").put(prefix + "/data/test/sample.json,json").then().statusCode(201);
        as(xuid).body("{\"b\":2}").put(prefix + "/data/test/other.json,json").then().statusCode(201);

        JsonNode quota = JSON.readTree(as(xuid).get(prefix).then().statusCode(200).extract().asByteArray());
        assertSameShape("quota", fixture("xsapi/title_storage_quota.json"), quota);

        JsonNode page = JSON
                .readTree(as(xuid).queryParam("maxItems", 1).get(prefix + "/data/test").then().statusCode(200).extract().asByteArray());
        assertSameShape("list", fixture("xsapi/title_storage_blob_metadata_page1.json"), page);
        JsonNode blob = page.get("blobs").get(0);
        assertThat(blob.get("fileName").asText()).contains(",").startsWith("test/");
        assertThat(blob.get("etag").asText().getBytes()).hasSizeLessThanOrEqualTo(53);
        assertThat(page.get("pagingInfo").get("continuationToken").isTextual()).isTrue();

        String token = page.get("pagingInfo").get("continuationToken").asText();
        JsonNode last = JSON.readTree(as(xuid).queryParam("maxItems", 1).queryParam("continuationToken", token)
                .get(prefix + "/data/test").then().statusCode(200).extract().asByteArray());
        assertSameShape("last page", fixture("xsapi/title_storage_blob_metadata_page2.json"), last);

        byte[] block = new byte[1024];
        JsonNode continuation = JSON.readTree(as(xuid).body(block).put(prefix + "/data/big.bin,binary?finalBlock=false")
                .then().statusCode(200).extract().asByteArray());
        assertSameShape("continuation", fixture("xsapi/title_storage_upload_continuation.json"), continuation);
    }

    @Test
    void developerToolShapes() throws IOException {
        // GlobalStorage.exe: XBL3.0 x=-; an operator identity, one PUT even for binary, list of the data root with '/'
        String operator = DevTokens.operator().claim("sandboxId", TestTitles.SANDBOX).sign();
        String prefix = "/global/scids/" + TestTitles.SCID;
        given().header("Authorization", "XBL3.0 x=-;" + operator).body(new byte[] {1, 2}).put(prefix + "/data/tool/test11.txt,binary")
                .then().statusCode(anyOf(is(200), is(201)));
        JsonNode list = JSON.readTree(given().header("Authorization", "XBL3.0 x=-;" + operator)
                .queryParam("maxItems", 100).queryParam("skipItems", 0).get(prefix + "/data/").then().statusCode(200).extract()
                .asByteArray());
        assertSameShape("tool list", fixture("xbox-live-developer-tools/global_storage_blob_metadata.json"), list);
        assertThat(list.get("pagingInfo").has("continuationToken")).isTrue();
        assertThat(list.get("pagingInfo").has("totalItems")).isTrue();
        list.get("blobs").forEach(b -> assertThat(b.get("fileName").asText().split(",")).hasSize(2));
        JsonNode quota = JSON.readTree(given().header("Authorization", "XBL3.0 x=-;" + operator).get(prefix).then().statusCode(200)
                .extract().asByteArray());
        assertSameShape("tool quota", fixture("xbox-live-developer-tools/global_storage_quota.json"), quota);
    }
}
