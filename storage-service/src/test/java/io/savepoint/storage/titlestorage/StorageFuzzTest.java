package io.savepoint.storage.titlestorage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.Fuzz;
import io.savepoint.testing.FuzzRequest;
import io.savepoint.testing.FuzzRequest.Part;
import io.savepoint.testing.FuzzRun;
import io.savepoint.testing.MetadataPeerResource;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.RawHttp;
import io.savepoint.testing.SpecData;
import io.savepoint.testing.TestTitles;

/**
 * Issue 16: thousands of malformed requests from a fixed seed over every Title Storage route (quota, list and
 * download, upload, delete of the user families, sessions and global storage, and the batch download), with the real
 * metadata-service resolving titles. None may get a 5xx or lose its connection, and the service must still be ready
 * afterwards. The seed is printed; {@code -Dsavepoint.fuzz.seed=<n>} repeats a run.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
@WithTestResource(MetadataPeerResource.class)
class StorageFuzzTest {

    static final String USER = "2533274800001621";
    static final String OTHER_USER = "2533274800001622";
    static final String SCID = TestTitles.SCID;
    static final String SESSION = "FuzzTemplate~session_16";
    static final List<String> READ_PARAMS = List.of("maxItems", "skipItems", "continuationToken", "select", "customSelector");
    static final List<String> WRITE_PARAMS = List.of("clientFileTime", "displayName", "continuationToken", "finalBlock");
    static final String XSAPI_TIME = "Thu,%2001%20Jan%201970%2000:00:01%20GMT";

    @TestHTTPResource("/")
    URL base;

    /** Blobs that exist: {family prefix, path with its ,type}. */
    final List<String[]> blobs = new ArrayList<>();

    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** One token per user for the whole run: signing (and verifying) a fresh one per request would cost more than the request. */
    static String token(String xuid) {
        return TOKENS.computeIfAbsent(xuid, x -> "XBL3.0 x=-;" + DevTokens.user(x, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign());
    }

    static String operator() {
        // global storage is per sandbox: the operator names one
        return TOKENS.computeIfAbsent("operator", x -> "XBL3.0 x=-;" + DevTokens.operator().claim("sandboxId", TestTitles.SANDBOX).sign());
    }

    static FuzzRequest as(String method, String authorization, Fuzz fuzz) {
        FuzzRequest request = FuzzRequest.of(method).header("Authorization", authorization).header("x-xbl-contract-version", "1");
        if (fuzz.chance(0.5)) {
            // XSAPI's "no condition" (CLIENTS.md §4)
            request.header("ETag", "InvalidETagValue").header("If-None-Match", "InvalidETagValue");
        }
        return request;
    }

    /** The user families' prefix: /{family}/users/xuid({xuid})/scids/{scid}. */
    static FuzzRequest user(String method, Fuzz fuzz, String family) {
        return as(method, token(USER), fuzz).segment(Part.NAME, family).literal("users").segment(Part.OWNER, "xuid(" + USER + ")")
                .literal("scids").segment(Part.SCID, SCID);
    }

    static FuzzRequest session(String method, Fuzz fuzz) {
        return as(method, token(USER), fuzz).literal("sessions").segment(Part.SESSION, SESSION).literal("scids").segment(Part.SCID, SCID);
    }

    static FuzzRequest global(String method, String authorization, Fuzz fuzz) {
        return as(method, authorization, fuzz).literal("global", "scids").segment(Part.SCID, SCID);
    }

    /** A JSON blob's body: an object of SpecData names and texts, a little nested. */
    static Map<String, Object> document(Fuzz fuzz) {
        return Fuzz.object("name", fuzz.spec().text(30), "level", fuzz.random().nextInt(100), "slot", fuzz.spec().pathSegment(),
                "items", new ArrayList<>(List.of(fuzz.spec().fileName(), 1, true)), "nested", Fuzz.object("a", Fuzz.object("b", "c")));
    }

    /** An upload of {@code path} ({@code ,binary} or {@code ,json}) with the parameters XSAPI sends. */
    static FuzzRequest upload(FuzzRequest prefix, Fuzz fuzz, String path) {
        FuzzRequest request = prefix.literal("data").blobPath(path).header("Content-Type", "application/octet-stream");
        if (fuzz.chance(0.6)) {
            request.queryRaw("clientFileTime", XSAPI_TIME);
        }
        if (fuzz.chance(0.6)) {
            request.query("displayName", fuzz.spec().text(40));
        }
        if (path.endsWith(",json") || path.endsWith(",config")) {
            return request.json(document(fuzz));
        }
        byte[] bytes = new byte[1 + fuzz.random().nextInt(2048)];
        fuzz.random().nextBytes(bytes);
        if (fuzz.chance(0.5)) {
            request.query("finalBlock", "true");
        }
        return request.body(bytes);
    }

    /** A list (a folder, maybe empty) or a download (an existing blob) under the prefix. */
    FuzzRequest read(FuzzRequest prefix, Fuzz fuzz, String family) {
        prefix.literal("data");
        List<String[]> existing = blobs.stream().filter(b -> b[0].equals(family)).toList();
        if (existing.isEmpty() || fuzz.chance(0.4)) {
            if (!existing.isEmpty() && fuzz.chance(0.6)) {
                String path = fuzz.pick(existing)[1];
                prefix.blobPath(path.substring(0, path.lastIndexOf('/')));
            } else if (fuzz.chance(0.5)) {
                prefix.literal("");
            }
            if (fuzz.chance(0.5)) {
                prefix.query("maxItems", Integer.toString(1 + fuzz.random().nextInt(10)));
            }
            if (fuzz.chance(0.2)) {
                prefix.query("skipItems", "1");
            }
            return prefix;
        }
        String path = fuzz.pick(existing)[1];
        prefix.blobPath(path);
        if (path.endsWith(",binary") && fuzz.chance(0.5)) {
            prefix.header("Range", fuzz.pick("bytes=0-1023", "bytes=0-", "bytes=10-20", "bytes=1000000-1001023"));
        }
        if (path.endsWith(",json") && fuzz.chance(0.3)) {
            prefix.query("select", fuzz.pick("name", "nested.a.b", "items"));
        }
        if (fuzz.chance(0.3)) {
            prefix.header("Accept-Language", fuzz.pick("fr-FR", "en-US"));
        }
        return prefix;
    }

    String family(Fuzz fuzz) {
        int roll = fuzz.random().nextInt(10);
        return roll < 7 ? "trustedplatform" : roll < 9 ? "universalplatform" : "untrustedplatform";
    }

    /** Stores a blob through the real PUT and remembers it. */
    String[] store(String family, String path, byte[] body, String authorization) {
        String prefix = family.equals("global") ? "/global/scids/" + SCID
                : family.equals("sessions") ? "/sessions/" + SESSION + "/scids/" + SCID
                        : "/" + family + "/users/xuid(" + USER + ")/scids/" + SCID;
        given().urlEncodingEnabled(false).header("Authorization", authorization).header("x-xbl-contract-version", "1")
                .contentType("application/octet-stream").body(body).when().put(prefix + "/data/" + path)
                .then().statusCode(201);
        String[] blob = {family, path};
        blobs.add(blob);
        return blob;
    }

    String[] storeFresh(Fuzz fuzz, String family) {
        String path = fuzz.spec().blobPath()
                + (fuzz.chance(0.5) ? ",binary" : family.equals("trustedplatform") || family.equals("sessions") ? ",json" : ",binary");
        byte[] body = path.endsWith(",json") ? Fuzz.json(document(fuzz)) : new byte[1 + fuzz.random().nextInt(500)];
        return store(family, path, body, family.equals("global") ? operator() : token(USER));
    }

    FuzzRun routes(FuzzRun run) {
        run.fuzz().authorizations(Fuzz.tokenForms(USER, TestTitles.TITLE_ID, TestTitles.SANDBOX));
        return run
                .route("GET", "/{family}/users/{owner}/scids/{scid}", List.of(), f -> user("GET", f, family(f)))
                .route("GET", "/sessions/{sessionId}/scids/{scid}", List.of(), f -> session("GET", f))
                .route("GET", "/global/scids/{scid}", List.of(), f -> global("GET", f.chance(0.8) ? token(USER) : operator(), f))
                .route("GET", "/{family}/users/{owner}/scids/{scid}/data/{blob}", READ_PARAMS, f -> {
                    String family = family(f);
                    return read(user("GET", f, family), f, family);
                })
                .route("GET", "/sessions/{sessionId}/scids/{scid}/data/{blob}", READ_PARAMS, f -> read(session("GET", f), f, "sessions"))
                .route("GET", "/global/scids/{scid}/data/{blob}", READ_PARAMS, f -> read(global("GET", token(USER), f), f, "global"))
                .route("PUT", "/{family}/users/{owner}/scids/{scid}/data/{blob}", WRITE_PARAMS, f -> {
                    String family = family(f);
                    String path = f.spec().blobPath() + (family.equals("untrustedplatform") || f.chance(0.6) ? ",binary" : ",json");
                    FuzzRequest request = upload(user("PUT", f, family), f, path);
                    if (family.equals("untrustedplatform")) {
                        request.body = new byte[1 + f.random().nextInt(16)]; // its quota is 1024 bytes
                    }
                    return request;
                })
                .route("PUT", "/sessions/{sessionId}/scids/{scid}/data/{blob}", WRITE_PARAMS,
                        f -> upload(session("PUT", f), f, f.spec().blobPath() + f.pick(",binary", ",json")))
                .route("PUT", "/global/scids/{scid}/data/{blob}", WRITE_PARAMS,
                        f -> upload(global("PUT", operator(), f), f, f.spec().blobPath() + f.pick(",binary", ",json", ",config")))
                .route("DELETE", "/{family}/users/{owner}/scids/{scid}/data/{blob}", List.of(), f -> {
                    String[] blob = storeFresh(f, "trustedplatform");
                    blobs.remove(blob);
                    return user("DELETE", f, blob[0]).literal("data").blobPath(blob[1]);
                })
                .route("DELETE", "/sessions/{sessionId}/scids/{scid}/data/{blob}", List.of(), f -> {
                    String[] blob = storeFresh(f, "sessions");
                    blobs.remove(blob);
                    return session("DELETE", f).literal("data").blobPath(blob[1]);
                })
                .route("DELETE", "/global/scids/{scid}/data/{blob}", List.of(), f -> {
                    String[] blob = storeFresh(f, "global");
                    blobs.remove(blob);
                    return global("DELETE", operator(), f).literal("data").blobPath(blob[1]);
                })
                .route("POST", "/{family}/users/batch/scids/{scid}/data/{blob}", List.of(), f -> {
                    List<String[]> existing = blobs.stream().filter(b -> b[0].equals("universalplatform") || b[0].equals("trustedplatform"))
                            .toList();
                    String[] blob = f.pick(existing);
                    return as("POST", token(OTHER_USER), f).segment(Part.NAME, blob[0]).literal("users", "batch", "scids")
                            .segment(Part.SCID, SCID)
                            .literal("data").blobPath(blob[1]).header("Content-Type", "application/json")
                            .json(Fuzz.object("xuids", new ArrayList<>(List.of(Long.parseLong(USER), Long.parseLong(OTHER_USER)))));
                });
    }

    @Test
    void malformedRequestsOnEveryRouteNeverGetA5xx() throws Exception {
        Fuzz setup = new Fuzz(1616);
        for (String family : List.of("trustedplatform", "trustedplatform", "universalplatform", "universalplatform", "sessions", "sessions",
                "global")) {
            storeFresh(setup, family);
        }
        store("global", "config/" + setup.spec().fileName() + ",config", Fuzz.json(Fuzz.object("greeting", "hello")), operator());
        FuzzRun run = new FuzzRun("storage-service", base.getHost(), base.getPort());
        FuzzRun.Result result = routes(run).run();

        result.assertSound(13);
    }

    /** The issue's characters in a blob path, a displayName and a JSON blob: a 4xx, never a 500 and never stored mangled. */
    @Test
    void theIssuesCharactersAreRefused() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        SpecData spec = new SpecData(16);
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort(), Duration.ofSeconds(30))) {
            Fuzz fuzz = new Fuzz(16);
            for (String bad : List.of("nul%00byte", "%00", "a%ED%A0%BDb", "a%FFb", "a%C3%28b")) {
                FuzzRequest named = user("PUT", fuzz, "trustedplatform").literal("data").blobPath(spec.blobPath() + ",binary")
                        .queryRaw("displayName", bad).body(new byte[10]);
                RawHttp.Response response = http.send(named);
                soft.assertThat(response.status()).as("%s: %s", named.describe(), response.bodyText()).isEqualTo(400);

                FuzzRequest path = user("PUT", fuzz, "trustedplatform").literal("data", bad + ",binary").body(new byte[10]);
                response = http.send(path);
                soft.assertThat(response.status()).as("%s: %s", path.describe(), response.bodyText()).isBetween(400, 499);

                FuzzRequest get = user("GET", fuzz, "trustedplatform").literal("data", "saves", bad + ",binary");
                response = http.send(get);
                soft.assertThat(response.status()).as("%s: %s", get.describe(), response.bodyText()).isBetween(400, 499);
            }
            // JSON must be UTF-8 (RFC 8259 §8.1): raw invalid bytes are a 400; escapes are JSON's own and may be stored
            for (Object value : List.of(Fuzz.Raw.of("\"a\u00FFb\""), Fuzz.Raw.of("\"a\u00C3(b\""), Fuzz.Raw.of("\"\u00ED\u00A0\u00BD\""))) {
                FuzzRequest json = user("PUT", fuzz, "trustedplatform").literal("data").blobPath(spec.blobPath() + ",json")
                        .json(Fuzz.object("name", value));
                RawHttp.Response response = http.send(json);
                soft.assertThat(response.status()).as("%s: %s", json.describe(), response.bodyText()).isEqualTo(400);
            }
            for (Object value : List.of("\u0000", "a\ud83db")) {
                FuzzRequest json = user("PUT", fuzz, "trustedplatform").literal("data").blobPath(spec.blobPath() + ",json")
                        .json(Fuzz.object("name", value));
                RawHttp.Response response = http.send(json);
                soft.assertThat(response.status()).as("%s: %s", json.describe(), response.bodyText()).isBetween(200, 499);
            }
        }
        soft.assertAll();
    }
}
