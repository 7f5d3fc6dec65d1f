package io.savepoint.storage.titlestorage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.savepoint.protocol.ApiExceptionMappers;
import io.savepoint.storage.blobs.StagedBlock;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.MetadataPeerResource;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/** Title Storage end to end over HTTP, with the real metadata-service resolving titles over gRPC. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
@WithTestResource(MetadataPeerResource.class)
class TitleStorageTest {

    static final String SCID = TestTitles.SCID;

    /** A fresh user per test, so tests never see each other's blobs. */
    static String newXuid() {
        return Long.toUnsignedString(2533274800000000L + new Random().nextInt(1_000_000_000));
    }

    static RequestSpecification as(String xuid) {
        return withToken(DevTokens.user(xuid, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign());
    }

    static RequestSpecification withToken(String jwt) {
        return given().header("Authorization", "XBL3.0 x=1;" + jwt).header("x-xbl-contract-version", "1");
    }

    /** XSAPI's "no condition" headers, sent on every unconditional call. */
    static RequestSpecification xsapi(String xuid) {
        return as(xuid).header("ETag", "InvalidETagValue").header("If-None-Match", "InvalidETagValue")
                .contentType("application/octet-stream");
    }

    static String data(String family, String xuid) {
        return "/" + family + "/users/xuid(" + xuid + ")/scids/" + SCID + "/data/";
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void binaryRoundTripWithRangesAndQuota() {
        String xuid = newXuid();
        String url = data("trustedplatform", xuid) + "saves/slot_1.dat,binary";
        byte[] content = bytes(5000);
        String etag = xsapi(xuid).urlEncodingEnabled(false).body(content)
                .put(url + "?clientFileTime=Thu,%2001%20Jan%201970%2000:00:01%20GMT&displayName=Slot%201&finalBlock=true")
                .then().statusCode(201).extract().header("ETag");
        assertThat(etag).startsWith("\"0x").endsWith("\"");
        assertThat(etag.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(53);

        byte[] downloaded = xsapi(xuid).get(url).then().statusCode(200).header("ETag", etag)
                .contentType("application/octet-stream").extract().asByteArray();
        assertThat(downloaded).isEqualTo(content);
        byte[] part = xsapi(xuid).header("Range", "bytes=1024-2047").get(url)
                .then().statusCode(206).header("Content-Range", "bytes 1024-2047/5000").extract().asByteArray();
        assertThat(part).isEqualTo(Arrays.copyOfRange(content, 1024, 2048));
        // XSAPI reads past the end of a blob whose size is a multiple of its block: 2xx with an empty body
        assertThat(xsapi(xuid).header("Range", "bytes=5000-6023").get(url).then().statusCode(206)
                .header("Content-Range", "bytes */5000").extract().asByteArray()).isEmpty();
        // If-Range: the current ETag keeps the Range; another version's, a weak tag or a date gets the whole blob
        assertThat(xsapi(xuid).header("Range", "bytes=1024-2047").header("If-Range", etag).get(url).then().statusCode(206)
                .header("Content-Range", "bytes 1024-2047/5000").extract().asByteArray()).isEqualTo(part);
        for (String stale : List.of("\"0x0000000000000000\"", "W/" + etag, "Thu, 01 Jan 1970 00:00:01 GMT")) {
            assertThat(xsapi(xuid).header("Range", "bytes=1024-2047").header("If-Range", stale).get(url).then().statusCode(200)
                    .header("Content-Range", nullValue()).extract().asByteArray()).isEqualTo(content);
        }

        as(xuid).get("/trustedplatform/users/xuid(" + xuid + ")/scids/" + SCID).then().statusCode(200)
                .body("quotaInfo.usedBytes", equalTo(5000));
        as(xuid).get(data("trustedplatform", xuid) + "saves").then().statusCode(200)
                .body("blobs[0].fileName", equalTo("saves/slot_1.dat,binary"))
                .body("blobs[0].displayName", equalTo("Slot 1"))
                .body("blobs[0].clientFileTime", equalTo("1970-01-01T00:00:01.0000000Z"))
                .body("blobs[0].etag", equalTo(etag))
                .body("blobs[0].size", equalTo(5000));

        String replaced = xsapi(xuid).body(bytes(100)).put(url + "?finalBlock=true").then().statusCode(200).extract().header("ETag");
        assertThat(replaced).isNotEqualTo(etag);
        as(xuid).get("/trustedplatform/users/xuid(" + xuid + ")/scids/" + SCID).then().body("quotaInfo.usedBytes", equalTo(100));

        as(xuid).delete(url).then().statusCode(200);
        as(xuid).delete(url).then().statusCode(200);
        xsapi(xuid).get(url).then().statusCode(404);
        as(xuid).get("/trustedplatform/users/xuid(" + xuid + ")/scids/" + SCID).then().body("quotaInfo.usedBytes", equalTo(0));
    }

    @Test
    void multiBlockUploadKeepsThePreviousVersionReadableUntilTheFinalBlock() {
        String xuid = newXuid();
        String url = data("universalplatform", xuid) + "big.bin,binary";
        byte[] v1 = bytes(10);
        xsapi(xuid).body(v1).put(url + "?finalBlock=true").then().statusCode(201);

        byte[] v2 = bytes(256 * 1024 + 1);
        String token = xsapi(xuid).body(Arrays.copyOfRange(v2, 0, 256 * 1024)).put(url + "?finalBlock=false")
                .then().statusCode(200).contentType(ContentType.JSON).extract().path("continuationToken");
        assertThat(token).matches("[0-9a-f-]{36}-1");
        assertThat(xsapi(xuid).get(url).then().statusCode(200).extract().asByteArray()).isEqualTo(v1);

        // a retried first block is harmless: the same token comes back
        xsapi(xuid).body(Arrays.copyOfRange(v2, 0, 256 * 1024))
                .put(url + "?continuationToken=" + token.substring(0, 36) + "-0&finalBlock=false")
                .then().statusCode(200).body("continuationToken", equalTo(token));
        xsapi(xuid).body(Arrays.copyOfRange(v2, 256 * 1024, v2.length)).put(url + "?continuationToken=" + token + "&finalBlock=true")
                .then().statusCode(200).header("ETag", not(nullValue()));
        assertThat(xsapi(xuid).get(url).then().statusCode(200).extract().asByteArray()).isEqualTo(v2);

        xsapi(xuid).body(bytes(5)).put(url + "?continuationToken=" + token + "&finalBlock=true")
                .then().statusCode(400).body("errorMessage", containsString("unknown or its upload expired"));
    }

    /**
     * Issue 18 item 2: a json blob holds at most savepoint.storage.max-json-bytes (just under 4 MiB, spec B.4), refused
     * with 413 before anything is stored; one larger than the inline limit keeps its bytes in the block store, not in a
     * PostgreSQL row.
     */
    @Test
    void jsonBlobsAreBoundedAndLargeOnesLeaveThePostgresqlRows() {
        String xuid = newXuid();
        String url = data("universalplatform", xuid) + "big.json,json";
        byte[] overLimit = new byte[4 * 1024 * 1024];
        Arrays.fill(overLimit, (byte) ' ');
        xsapi(xuid).contentType(ContentType.JSON).body(overLimit).put(url).then().statusCode(413)
                .body("errorMessage", containsString("4194303 bytes")).body("errorMessage", containsString("max-json-bytes"));
        xsapi(xuid).get(url).then().statusCode(404);

        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("a".repeat(1000)).append('"');
        }
        String document = json.append('}').toString();
        xsapi(xuid).contentType(ContentType.JSON).body(document).put(url).then().statusCode(201);
        assertThat(xsapi(xuid).get(url).then().statusCode(200).extract().asString()).isEqualTo(document);
        Object[] version = QuarkusTransaction.requiringNew().call(() -> TitleBlobEntry.getEntityManager().createQuery(
                "select v.size, v.inlineData from TitleBlobEntry e, BlobVersion v where v.id = e.versionId and e.owner = ?1"
                        + " and e.path = 'big.json'",
                Object[].class).setParameter(1, xuid).getSingleResult());
        assertThat(version[0]).isEqualTo((long) document.length());
        assertThat(version[1]).as("bytes of a %s-byte json blob inline in PostgreSQL", document.length()).isNull();
    }

    @Inject
    TitleUploadSweeper sweeper;

    @Test
    void abandonedBlockChainsExpireAndFreeTheirBlocks() {
        String xuid = newXuid();
        String url = data("universalplatform", xuid) + "abandoned.bin,binary";
        String token = xsapi(xuid).body(bytes(2048)).put(url + "?finalBlock=false").then().statusCode(200).extract()
                .path("continuationToken");
        UUID id = UUID.fromString(token.substring(0, 36));
        // an upload untouched for longer than savepoint.storage.upload-expiry, as the sweeper sees it
        QuarkusTransaction.requiringNew().run(() -> TitleUpload.update("updatedAt = ?1 where id = ?2",
                Instant.now().minus(Duration.ofDays(1)), id));
        sweeper.expireUploads();
        assertThat(QuarkusTransaction.requiringNew().call(
                () -> StagedBlock.count("uploadId", "ts-" + id))).isZero();
        xsapi(xuid).body(bytes(10)).put(url + "?continuationToken=" + token + "&finalBlock=true")
                .then().statusCode(400).body("errorMessage", containsString("start the upload again"));
        xsapi(xuid).get(url).then().statusCode(404);
    }

    @Test
    void etagConditions() throws Exception {
        String xuid = newXuid();
        String url = data("trustedplatform", xuid) + "cond.bin,binary";
        as(xuid).header("If-None-Match", "*").body(bytes(3)).put(url).then().statusCode(201);
        as(xuid).header("If-None-Match", "*").body(bytes(3)).put(url)
                .then().statusCode(412).body("errorCode", equalTo(4120));
        String etag = as(xuid).get(url).then().extract().header("ETag");
        as(xuid).header("If-None-Match", etag).get(url).then().statusCode(304);
        as(xuid).header("If-Match", "\"0x000000000000000\"").get(url).then().statusCode(412)
                .body("errorMessage", containsString(etag));
        as(xuid).header("If-Match", "\"0x000000000000000\"").delete(url).then().statusCode(412);

        // 20 writers with the same If-Match: exactly one wins
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] body = bytes(100 + i);
                Callable<Integer> put = () -> as(xuid).header("If-Match", etag).body(body).put(url).statusCode();
                results.add(pool.submit(put));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> r : results) {
                statuses.add(r.get());
            }
            assertThat(statuses).containsOnlyOnce(200).filteredOn(s -> s != 200).hasSize(19).containsOnly(412);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jsonBlobsAreValidatedAndSelectable() {
        String xuid = newXuid();
        String url = data("universalplatform", xuid) + "profile.json,json";
        as(xuid).contentType(ContentType.JSON).body("{\"weapon\":{\"name\":\"poison\"},\"levels\":[1,2,3,{\"quest\":\"queen\"}]}")
                .put(url).then().statusCode(201);
        as(xuid).queryParam("select", "weapon.name").get(url).then().statusCode(200).body(equalTo("{\"name\":\"poison\"}"));
        as(xuid).queryParam("select", "levels[3].quest").get(url).then().statusCode(200).body(equalTo("{\"quest\":\"queen\"}"));
        as(xuid).contentType(ContentType.JSON).body("[1,2]").put(url).then().statusCode(400).body("errorMessage", containsString("array"));
        as(xuid).contentType(ContentType.JSON).body("{\"a\":").put(url).then().statusCode(400);
    }

    @Test
    void jsonFamilyStoresJsonOnly() {
        // title 1000002 has every family enabled (defaults); title 1000001 disables json
        String xuid = newXuid();
        String jwt = DevTokens.user(xuid, TestTitles.OTHER_TITLE_ID, "RETAIL").sign();
        String base = "/json/users/xuid(" + xuid + ")/scids/" + TestTitles.OTHER_SCID + "/data/";
        withToken(jwt).contentType(ContentType.JSON).body("{\"level\":3}").put(base + "save.json,json")
                .then().statusCode(201).body(equalTo("{}"));
        withToken(jwt).get(base + "save.json,json").then().statusCode(200).body("level", equalTo(3));
        withToken(jwt).body(bytes(3)).put(base + "x.bin,binary").then().statusCode(400).body("errorMessage", containsString("json"));
    }

    @Test
    void listsAreRecursiveAndPaged() {
        String xuid = newXuid();
        String base = data("universalplatform", xuid);
        for (String name : List.of("a/1.bin", "a/2.bin", "a/b/3.bin", "a/b/c/4.bin", "z.bin")) {
            xsapi(xuid).body(bytes(7)).put(base + name + ",binary?finalBlock=true").then().statusCode(201);
        }
        as(xuid).get(base + "a").then().statusCode(200)
                .body("blobs", hasSize(4))
                .body("blobs[3].fileName", equalTo("a/b/c/4.bin,binary"))
                .body("pagingInfo.continuationToken", nullValue())
                .body("pagingInfo.totalItems", equalTo(4))
                .body(containsString("\"continuationToken\":null"));
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Response page = as(xuid).queryParam("maxItems", 2).queryParam("continuationToken", token == null ? "" : token)
                    .get(base.substring(0, base.length() - 1));
            page.then().statusCode(200).body("pagingInfo.totalItems", equalTo(5));
            seen.addAll(page.path("blobs.fileName"));
            token = page.path("pagingInfo.continuationToken");
        } while (token != null);
        assertThat(seen).containsExactly("a/1.bin,binary", "a/2.bin,binary", "a/b/3.bin,binary", "a/b/c/4.bin,binary", "z.bin,binary");
        as(xuid).queryParam("skipItems", 3).get(base + "a").then().body("blobs.fileName",
                contains("a/b/c/4.bin,binary"));
    }

    @Test
    void accessRules() {
        String owner = newXuid();
        String other = newXuid();
        String trusted = data("trustedplatform", owner) + "mine.bin,binary";
        as(owner).body(bytes(4)).put(trusted).then().statusCode(201);
        as(other).body(bytes(4)).put(trusted).then().statusCode(403).body("errorMessage", containsString("Only xuid(" + owner + ")"));
        as(other).get(trusted).then().statusCode(403).body("errorMessage", containsString("owner only"));
        withToken(DevTokens.user(owner, TestTitles.TITLE_ID, TestTitles.SANDBOX).claim("deviceType", "Win32").sign())
                .body(bytes(4)).put(trusted).then().statusCode(403).body("errorMessage", containsString("trusted platforms"));

        String universal = data("universalplatform", owner) + "shared.bin,binary";
        as(owner).body(bytes(4)).put(universal).then().statusCode(201);
        as(other).get(universal).then().statusCode(200);

        as(owner).body(bytes(4)).put("/global/scids/" + SCID + "/data/news.bin,binary").then().statusCode(403)
                .body("errorMessage", containsString("operator"));
        as(owner).body(bytes(4)).put(data("trustedplatform", owner) + "a..b,binary").then().statusCode(400)
                .body("errorMessage", containsString(".."));
        as(owner).body(bytes(4)).put(data("trustedplatform", owner) + "a.bin,floppy").then().statusCode(400);
        as(owner).contentType(ContentType.JSON).body("{}").put(data("trustedplatform", owner) + "c.cfg,config").then().statusCode(400);
    }

    @Test
    void quotaIsEnforcedBeforeBytesAreKept() {
        String xuid = newXuid();
        String base = data("untrustedplatform", xuid);
        as(xuid).body(bytes(1000)).put(base + "one.bin,binary").then().statusCode(201);
        as(xuid).body(bytes(100)).put(base + "two.bin,binary").then().statusCode(400).body("errorMessage", containsString("quota"));
        as(xuid).get(base + "two.bin,binary").then().statusCode(404);
        // replacing a blob counts only the difference
        as(xuid).body(bytes(1024)).put(base + "one.bin,binary").then().statusCode(200);
        as(xuid).get("/untrustedplatform/users/xuid(" + xuid + ")/scids/" + SCID).then()
                .body(equalTo("{\"quotaInfo\":{\"usedBytes\":1024,\"quotaBytes\":1024}}"));
    }

    @Test
    void parallelWritersNearTheQuotaNeverExceedIt() throws Exception {
        String xuid = newXuid();
        String base = data("untrustedplatform", xuid);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String url = base + "part" + i + ".bin,binary";
                results.add(pool.submit(() -> as(xuid).body(bytes(100)).put(url).statusCode()));
            }
            int stored = 0;
            for (Future<Integer> r : results) {
                int status = r.get();
                assertThat(status).isIn(201, 400);
                stored += status == 201 ? 1 : 0;
            }
            assertThat(stored).isEqualTo(10); // 10 × 100 bytes fit in 1024
            as(xuid).get("/untrustedplatform/users/xuid(" + xuid + ")/scids/" + SCID).then()
                    .body("quotaInfo.usedBytes", equalTo(1000));
            as(xuid).get(base.substring(0, base.length() - 1)).then().body("blobs", hasSize(10));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputsAreRefusedAndNothingIsStored() {
        String xuid = newXuid();
        String base = data("universalplatform", xuid);
        for (String bad : List.of("a//b.bin,binary", "a b.bin,binary", "dir/.,binary", "x..y,binary", "name.,binary",
                "noType", "x.bin,", "x.bin,exe", "x.cfg,config", "a/" + "p".repeat(260) + ".bin,binary")) {
            as(xuid).body(bytes(3)).put(base + bad).then().statusCode(either(equalTo(400)).or(equalTo(404)))
                    .body("errorMessage", not(nullValue()));
        }
        as(xuid).contentType(ContentType.JSON).body("{\"" + "k".repeat(65) + "\":1}").put(base + "long.json,json").then().statusCode(400);
        as(xuid).contentType(ContentType.JSON).body("{\"s\":\"" + "v".repeat(1025) + "\"}").put(base + "long.json,json").then()
                .statusCode(400);
        as(xuid).body(bytes(3)).put(base + "x.bin,binary?continuationToken=not-a-token&finalBlock=true").then().statusCode(400)
                .body("errorMessage", containsString("continuationToken"));
        as(xuid).body(bytes(3)).put(base + "x.bin,binary?finalBlock=maybe").then().statusCode(400).body("errorMessage",
                containsString("finalBlock"));
        as(xuid).body(bytes(3)).put(data("universalplatform", newXuid()) + "x.bin,binary").then().statusCode(403);
        String batch = "/universalplatform/users/batch/scids/" + SCID + "/data/x.bin,binary";
        as(xuid).contentType(ContentType.JSON).body("{\"xuids\":[\"abc\"]}").post(batch).then().statusCode(400);
        as(xuid).contentType(ContentType.JSON).body("{\"xuids\":[-1]}").post(batch).then().statusCode(400);
        StringBuilder many = new StringBuilder("{\"xuids\":[1");
        for (int i = 2; i <= 101; i++) {
            many.append(',').append(i);
        }
        as(xuid).contentType(ContentType.JSON).body(many.append("]}").toString()).post(batch).then().statusCode(400)
                .body("errorMessage", containsString("100"));
        as(xuid).get(base.substring(0, base.length() - 1)).then().statusCode(200).body("blobs", hasSize(0));
        as(xuid).get("/universalplatform/users/xuid(" + xuid + ")/scids/" + SCID).then().body("quotaInfo.usedBytes", equalTo(0));
    }

    @Test
    void globalConfigResolvesVirtualNodes() {
        String operator = DevTokens.operator().claim("sandboxId", TestTitles.SANDBOX).sign();
        String url = "/global/scids/" + SCID + "/data/config/cards_" + UUID.randomUUID().toString().substring(0, 8) + ".json,config";
        String config = """
                {"defaultCardDesign": {"_virtualNode": {"_selectBy": "titleId", "_sourceNodes": [
                    {"_selector": "%d", "_data": "TitleCard.png,binary"},
                    {"_selector": "default", "_data": "Default.png,binary"}]}},
                 "greeting": {"_virtualNode": {"_selectBy": "locale", "_sourceNodes": [
                    {"_selector": "fr-FR", "_data": "Bonjour"}, {"_selector": "default", "_data": "Hello"}]}}}
                """.formatted(TestTitles.TITLE_ID);
        withToken(operator).contentType(ContentType.JSON).body(config).put(url).then().statusCode(201);
        String xuid = newXuid();
        as(xuid).header("Accept-Language", "fr-FR,en;q=0.5").get(url).then().statusCode(200)
                .body("defaultCardDesign", equalTo("TitleCard.png,binary"))
                .body("greeting", equalTo("Bonjour"))
                .body("_sourceNodes", hasItem("defaultCardDesign:titleId:" + TestTitles.TITLE_ID));
        as(xuid).get("/global/scids/" + SCID + "/data/config").then().statusCode(200)
                .body("blobs.fileName", hasItem(url.substring(url.indexOf("/data/") + 6)));
        as(xuid).delete(url).then().statusCode(403);
        withToken(operator).delete(url).then().statusCode(200);
    }

    @Test
    void batchDownloadIsMultipart() {
        String a = newXuid();
        String b = newXuid();
        String missing = newXuid();
        as(a).contentType(ContentType.JSON).body("{\"v\":\"a\"}").put(data("universalplatform", a) + "save.json,json").then()
                .statusCode(201);
        as(b).contentType(ContentType.JSON).body("{\"v\":\"b\"}").put(data("universalplatform", b) + "save.json,json").then()
                .statusCode(201);
        Response response = as(a).contentType(ContentType.JSON).body("{\"xuids\":[" + a + "," + b + "," + missing + "]}")
                .post("/universalplatform/users/batch/scids/" + SCID + "/data/save.json,json");
        response.then().statusCode(200).contentType(containsString("multipart/form-data; boundary="));
        // parsed by a stock multipart parser (Jakarta Mail), not by our own code
        MimeMultipart multipart;
        try {
            multipart = new MimeMultipart(
                    new ByteArrayDataSource(response.asByteArray(), response.contentType()));
            assertThat(multipart.getCount()).isEqualTo(3);
            String[] expectedBodies = {"{\"v\":\"a\"}", "{\"v\":\"b\"}", ""};
            String[] xuids = {a, b, missing};
            String[] statuses = {"200", "200", "404"};
            for (int i = 0; i < 3; i++) {
                var part = multipart.getBodyPart(i);
                assertThat(part.getHeader("Content-Disposition")[0])
                        .isEqualTo("binary; name=\"" + xuids[i] + "\"; filename=\"" + xuids[i] + "\"");
                assertThat(part.getHeader("HttpStatusCode")[0]).isEqualTo(statuses[i]);
                assertThat(new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expectedBodies[i]);
                if (i < 2) {
                    assertThat(part.getHeader("ETag")).isNotNull();
                    assertThat(part.getHeader("Content-Type")[0]).isEqualTo("application/json");
                }
            }
        } catch (MessagingException | IOException e) {
            throw new AssertionError(e);
        }
        as(a).contentType(ContentType.JSON).body("{\"xuids\":[]}")
                .post("/universalplatform/users/batch/scids/" + SCID + "/data/save.json,json")
                .then().statusCode(400);
    }

    @Test
    void anAbandonedBatchDownloadStopsReadingTheBlobs() throws Exception {
        String reader = newXuid();
        List<String> xuids = new ArrayList<>();
        byte[] blob = bytes(8 << 20);
        for (int i = 0; i < 12; i++) {
            String xuid = newXuid();
            xsapi(xuid).body(blob).put(data("universalplatform", xuid) + "big.bin,binary").then().statusCode(201);
            xuids.add(xuid);
        }
        byte[] body = ("{\"xuids\":[" + String.join(",", xuids) + "]}").getBytes(StandardCharsets.UTF_8);
        String request = "POST /universalplatform/users/batch/scids/" + SCID + "/data/big.bin,binary HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: XBL3.0 x=1;" + DevTokens.user(reader, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign() + "\r\n"
                + "x-xbl-contract-version: 1\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";

        // A client hanging up is no server failure: nothing is logged as one.
        List<LogRecord> problems = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    problems.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger mappers = Logger.getLogger(ApiExceptionMappers.class.getName());
        mappers.addHandler(capture);
        // storage-service runs in this JVM: what it reads from its block files shows in this process' read bytes.
        long before = bytesReadByThisProcess();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            assertThat(socket.getInputStream().readNBytes(256 * 1024)).hasSize(256 * 1024);
        }
        Thread.sleep(3000);
        long read = bytesReadByThisProcess() - before;
        // 96 MiB of blobs: a client that hung up after 256 KiB must not make storage-service read them all.
        mappers.removeHandler(capture);
        assertThat(read).as("bytes read after the client went away").isLessThan(48L << 20);
        assertThat(problems).extracting(LogRecord::getMessage).isEmpty();
    }

    private static long bytesReadByThisProcess() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/io")).stream().filter(l -> l.startsWith("rchar:"))
                .mapToLong(l -> Long.parseLong(l.substring("rchar:".length()).strip())).findFirst().orElseThrow();
    }
}
