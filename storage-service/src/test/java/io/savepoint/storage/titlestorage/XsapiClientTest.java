package io.savepoint.storage.titlestorage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.MetadataPeerResource;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.SpecData;
import io.savepoint.testing.TestTitles;

/**
 * Replays what XSAPI (shared/fixtures/xbox-live/xsapi/expected_requests.json, CLIENTS.md §4) sends — its paths,
 * headers, query order and ETag headers — and parses our answers as strictly as it does.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
@WithTestResource(MetadataPeerResource.class)
class XsapiClientTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final String xuid = Long.toString(2533274700000000L + new Random().nextInt(1_000_000));
    final String prefix = "/trustedplatform/users/xuid(" + xuid + ")/scids/" + TestTitles.SCID;
    final String token = DevTokens.user(xuid, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign();
    /** Folder, file and display names as players' saves have them (B.7's whole alphabet), not one tidy literal. */
    static final long SEED = Long.getLong("savepoint.test.seed", 0x5AFE_0004L);
    final SpecData specData = new SpecData(SEED);
    final String folder = specData.directory(3);
    final String displayName = URLEncoder.encode(specData.text(40), StandardCharsets.UTF_8).replace("+", "%20");

    enum Match {
        NOT_USED,
        IF_MATCH,
        IF_NOT_MATCH
    }

    /** XSAPI's common headers, with the content type it uses for the call. */
    RequestSpecification call(String contentType, Match match, String etag) {
        RequestSpecification request = given().urlEncodingEnabled(false)
                .header("x-xbl-contract-version", "1")
                .header("Accept-Language", "en-US,en")
                .header("User-Agent", "XboxServicesAPI/2025.10.20251001.0 c")
                .header("Authorization", "XBL3.0 x=1234567890123456789;" + token)
                .header("Signature", "AAAAAQHaD3s5k7S1TZ0n6VlEmFmn1u1kK9L4A==")
                .contentType(contentType);
        String value = etag == null || etag.isEmpty() ? "If-None-Match" : etag; // XSAPI's empty-etag quirk
        return switch (match) {
            case NOT_USED -> request.header("ETag", "InvalidETagValue").header("If-None-Match", "InvalidETagValue");
            case IF_MATCH -> request.header("ETag", value).header("If-Match", value);
            case IF_NOT_MATCH -> request.header("ETag", value).header("If-None-Match", value);
        };
    }

    static void require2xx(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
    }

    /** XSAPI's parse of a list page: blobs required, fileName split at the first ',', strict types. */
    record Blob(String path, String type, String etag, long size) {
    }

    record Page(List<Blob> blobs, String continuationToken) {
    }

    static Page parseList(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        assertThat(root.has("blobs")).as("blobs is required").isTrue();
        List<Blob> blobs = new ArrayList<>();
        for (JsonNode b : root.get("blobs")) {
            String fileName = b.get("fileName").asText();
            int comma = fileName.indexOf(',');
            assertThat(comma).as("fileName has ','").isPositive();
            assertThat(b.get("etag").isTextual()).isTrue();
            assertThat(b.get("etag").asText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(53);
            if (b.has("displayName")) {
                assertThat(b.get("displayName").isTextual()).isTrue();
            }
            if (b.has("size")) {
                assertThat(b.get("size").isNumber()).isTrue();
            }
            if (b.has("clientFileTime")) {
                assertThat(b.get("clientFileTime").isTextual()).as("clientFileTime must be an ISO-8601 string").isTrue();
                OffsetDateTime.parse(b.get("clientFileTime").asText());
            }
            blobs.add(
                    new Blob(fileName.substring(0, comma), fileName.substring(comma + 1), b.get("etag").asText(), b.get("size").asLong()));
        }
        JsonNode paging = root.path("pagingInfo").path("continuationToken");
        return new Page(blobs, paging.isTextual() && !paging.asText().isEmpty() ? paging.asText() : null);
    }

    @Test
    void quotaJsonBinaryBlocksRangesConditionsPagingDelete() throws IOException {
        // GetQuota
        Response quota = call("application/json; charset=utf-8", Match.NOT_USED, null).get(prefix);
        require2xx(quota);
        JsonNode quotaInfo = JSON.readTree(quota.asByteArray()).get("quotaInfo");
        assertThat(quotaInfo.get("usedBytes").isNumber()).isTrue();
        assertThat(quotaInfo.get("quotaBytes").isNumber()).isTrue();

        // UploadBlob (json): clientFileTime RFC 1123 with spaces encoded, ',' and ':' raw; displayName
        List<String> names = distinctFileNames(3);
        String jsonPath = prefix + "/data/" + folder + "/" + names.get(0) + ",json";
        Response upload = call("application/octet-stream", Match.NOT_USED, null).body("{\"level\":7}".getBytes(StandardCharsets.UTF_8))
                .put(jsonPath + "?clientFileTime=Thu,%2001%20Jan%201970%2000:00:01%20GMT&displayName=" + displayName);
        require2xx(upload);
        String jsonEtag = upload.header("ETag");
        assertThat(jsonEtag).isNotBlank();

        // DownloadBlob (json): one GET, no Range
        Response json = call("application/octet-stream", Match.NOT_USED, null).get(jsonPath);
        require2xx(json);
        assertThat(json.asString()).isEqualTo("{\"level\":7}");

        // UploadBlob (binary): 256 KiB + 1 byte with 256 KiB blocks → exactly 2 PUTs, the second carrying the token
        byte[] binary = new byte[256 * 1024 + 1];
        new Random(1).nextBytes(binary);
        String binPath = prefix + "/data/" + folder + "/" + names.get(1) + ",binary";
        String query = "?clientFileTime=Thu,%2001%20Jan%201970%2000:00:01%20GMT&displayName=" + displayName;
        Response first = call("application/octet-stream", Match.NOT_USED, null).body(Arrays.copyOfRange(binary, 0, 256 * 1024))
                .put(binPath + query + "&finalBlock=false");
        require2xx(first);
        String continuation = JSON.readTree(first.asByteArray()).get("continuationToken").asText();
        Response last = call("application/octet-stream", Match.NOT_USED, null).body(Arrays.copyOfRange(binary, 256 * 1024, binary.length))
                .put(binPath + query + "&continuationToken=" + URLEncoder.encode(continuation, StandardCharsets.UTF_8)
                        + "&finalBlock=true");
        require2xx(last);
        String binEtag = last.header("ETag");

        // DownloadBlob (binary) with length unknown: Range blocks until a short body
        int block = 64 * 1024;
        ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
        for (long start = 0;; start += block) {
            Response chunk = call("application/octet-stream", Match.NOT_USED, null)
                    .header("Range", "bytes=" + start + "-" + (start + block - 1)).get(binPath);
            require2xx(chunk);
            byte[] bytes = chunk.asByteArray();
            downloaded.write(bytes);
            if (bytes.length < block) {
                break;
            }
        }
        assertThat(downloaded.toByteArray()).isEqualTo(binary);

        // an exact multiple of the block: the loop ends with a request past the end, which must still be 2xx
        byte[] exact = new byte[4096];
        require2xx(call("application/octet-stream", Match.NOT_USED, null).body(exact)
                .put(prefix + "/data/" + folder + "/" + names.get(2) + ",binary?finalBlock=true"));
        Response pastEnd = call("application/octet-stream", Match.NOT_USED, null).header("Range", "bytes=4096-5119")
                .get(prefix + "/data/" + folder + "/" + names.get(2) + ",binary");
        require2xx(pastEnd);
        assertThat(pastEnd.asByteArray()).isEmpty();

        // Conditional writes
        assertThat(call("application/octet-stream", Match.IF_MATCH, "\"0x0000000000000AB\"")
                .body("{\"level\":8}".getBytes(StandardCharsets.UTF_8)).put(jsonPath).statusCode())
                .isEqualTo(412);
        Response matched = call("application/octet-stream", Match.IF_MATCH, jsonEtag).body("{\"level\":8}".getBytes(StandardCharsets.UTF_8))
                .put(jsonPath);
        require2xx(matched);
        assertThat(call("application/octet-stream", Match.IF_NOT_MATCH, matched.header("ETag"))
                .body("{\"level\":9}".getBytes(StandardCharsets.UTF_8)).put(jsonPath).statusCode())
                .isEqualTo(412);
        assertThat(call("application/octet-stream", Match.IF_MATCH, "").body("{\"level\":9}".getBytes(StandardCharsets.UTF_8)).put(jsonPath)
                .statusCode())
                .as("an empty etag with IfMatch sends the literal 'If-None-Match', which matches nothing").isEqualTo(412);

        // GetBlobMetadata with paging: maxItems only if > 0; the next page sends the token instead of skipItems
        List<Blob> all = new ArrayList<>();
        String next = null;
        do {
            String listQuery = "?maxItems=2"
                    + (next == null ? "" : "&continuationToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            Response page = call("application/json; charset=utf-8", Match.NOT_USED, null)
                    .get(prefix + "/data/" + folder + listQuery);
            require2xx(page);
            Page parsed = parseList(page.asByteArray());
            all.addAll(parsed.blobs());
            next = parsed.continuationToken();
        } while (next != null);
        assertThat(all).as("seed %d", SEED).extracting(blob -> blob.path() + "," + blob.type()).containsExactlyInAnyOrder(
                folder + "/" + names.get(0) + ",json", folder + "/" + names.get(1) + ",binary", folder + "/" + names.get(2) + ",binary");
        Blob big = all.stream().filter(blob -> blob.path().equals(folder + "/" + names.get(1))).findFirst().orElseThrow();
        assertThat(big.etag()).isEqualTo(binEtag);
        assertThat(big.size()).isEqualTo(binary.length);

        // DeleteBlob: deleteOnlyIfEtagMatches=true uses IfMatch, false uses NotUsed
        assertThat(call("application/octet-stream", Match.IF_MATCH, "\"0x0000000000000AB\"").delete(binPath).statusCode()).isEqualTo(412);
        require2xx(call("application/octet-stream", Match.IF_MATCH, binEtag).delete(binPath));
        require2xx(call("application/octet-stream", Match.NOT_USED, null).delete(jsonPath));
        require2xx(call("application/octet-stream", Match.NOT_USED, null).delete(jsonPath));
        assertThat(call("application/octet-stream", Match.NOT_USED, null).get(binPath).statusCode()).isEqualTo(404);
    }

    private List<String> distinctFileNames(int count) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            names.add(specData.fileName());
        }
        return List.copyOf(names);
    }
}
