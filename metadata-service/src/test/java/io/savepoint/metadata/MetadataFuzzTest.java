package io.savepoint.metadata;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.savepoint.grpc.v1.ClipCatalogGrpc;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.StoragePeerResource;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.Fuzz;
import io.savepoint.testing.FuzzRequest;
import io.savepoint.testing.FuzzRequest.Part;
import io.savepoint.testing.FuzzRun;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.RawHttp;
import io.savepoint.testing.TestTitles;

/**
 * Issue 16: thousands of malformed requests from a fixed seed over every route of metadata-service (GameClips, the
 * privacy setting, the operator's flag review and title registry), with the real storage-service behind it. None may
 * get a 5xx or lose its connection, and the service must still be ready afterwards. The seed is printed;
 * {@code -Dsavepoint.fuzz.seed=<n>} repeats a run.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
@WithTestResource(StoragePeerResource.class)
class MetadataFuzzTest {

    static final String USER = "2533274800001601";
    static final String OTHER_USER = "2533274800001602";
    static final String SCID = TestTitles.SCID;
    static final List<String> LIST_PARAMS = List.of("maxItems", "skipItems", "continuationToken", "qualifier", "qualifer", "order", "type",
            "achievementId", "greatestMomentId", "eventId");
    /** A title of the fuzz run's own, for the registry's write routes (the test titles stay as they are). */
    static final long FUZZ_TITLE = 3_000_016;

    @TestHTTPResource("/")
    URL base;

    @GrpcClient("clip-catalog")
    ClipCatalogGrpc.ClipCatalogBlockingStub catalog;

    /** The user's newest clips (the last is the one valid requests use), and a Published one. */
    final List<String> clips = new ArrayList<>();
    /** Clips made for the valid DELETE requests. */
    final List<String> spares = new ArrayList<>();
    String published;
    String othersClip;

    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** One token per user for the whole run: signing (and verifying) a fresh one per request would cost more than the request. */
    static String token(String xuid) {
        return TOKENS.computeIfAbsent(xuid, x -> "XBL3.0 x=-;" + DevTokens.user(x, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign());
    }

    static String operator() {
        return TOKENS.computeIfAbsent("operator", x -> "XBL3.0 x=-;" + DevTokens.operator().sign());
    }

    /** The docs' initial upload request (spec C.1) as a mutable tree, with a caption drawn from SpecData. */
    static Map<String, Object> uploadRequest(Fuzz fuzz) {
        return Fuzz.object("greatestMomentId", "1193045", "userCaption", fuzz.spec().text(60), "sessionRef", fuzz.uuid(),
                "dateRecorded", "2012-12-23T11:08:08Z", "durationInSeconds", 27, "expectedBlocks", 7, "fileSize", 1234567,
                "type", "MagicMoment, Achievement", "source", "Console", "visibility", fuzz.pick("Default", "Public", "Owner", "Title"),
                "titleData", "{ 'Boss': 'The Invincible' }", "systemProperties", "{ 'Id': '123456' }",
                "usersInSession", new ArrayList<>(List.of(OTHER_USER)), "thumbnailSource", "Offset", "thumbnailOffsetMillseconds", 20000,
                "savedByUser", fuzz.chance(0.5));
    }

    String create(String xuid) {
        return given().header("Authorization", token(xuid)).contentType(ContentType.JSON)
                .body(new String(Fuzz.json(uploadRequest(new Fuzz(clips.size()))), StandardCharsets.UTF_8))
                .when().post("/users/me/scids/" + SCID + "/clips")
                .then().statusCode(200).extract().path("gameClipId");
    }

    String publish() {
        String id = ClipFixtures.uploaded(catalog, USER, body -> body.put("visibility", "Public"));
        ClipFixtures.claim(catalog, "fuzz-worker", id);
        catalog.finishProcessing(FinishProcessingRequest.newBuilder().setGameClipId(id).setWorkerId("fuzz-worker")
                .setSuccess(true).setSha256Hex("c".repeat(64)).setLargeThumbnailSize(20000).setSmallThumbnailSize(3000).build());
        return id;
    }

    String clip(Fuzz fuzz) {
        int roll = fuzz.random().nextInt(10);
        return roll < 6 ? clips.get(clips.size() - 1) : roll < 8 ? published : roll < 9 ? othersClip : fuzz.pick(clips);
    }

    static FuzzRequest as(String method, String authorization) {
        FuzzRequest request = FuzzRequest.of(method).header("Authorization", authorization).header("x-xbl-contract-version", "1");
        return request;
    }

    /** /users/{owner}/scids/{scid}/clips/{id}, the owner written as real clients do: me or xuid(n). */
    FuzzRequest clipRoute(String method, Fuzz fuzz, String id, String... rest) {
        boolean own = !id.equals(othersClip);
        String owner = own ? fuzz.pick("me", "xuid(" + USER + ")") : "xuid(" + OTHER_USER + ")";
        FuzzRequest request = as(method, token(USER)).literal("users").segment(Part.OWNER, owner).literal("scids").segment(Part.SCID, SCID)
                .literal("clips").segment(Part.CLIP_ID, id);
        for (String segment : rest) {
            if (segment.startsWith("{")) {
                request.segment(Part.NUMBER, Integer.toString(1 + fuzz.random().nextInt(5)));
            } else {
                request.literal(segment);
            }
        }
        return request;
    }

    FuzzRequest list(Fuzz fuzz, FuzzRequest request) {
        if (fuzz.chance(0.5)) {
            request.query("maxItems", Integer.toString(1 + fuzz.random().nextInt(100)));
        }
        if (fuzz.chance(0.3)) {
            request.query("skipItems", Integer.toString(fuzz.random().nextInt(5)));
        }
        if (fuzz.chance(0.3)) {
            request.query("order", fuzz.pick("created", "rating", "views", "Created"));
        }
        if (fuzz.chance(0.2)) {
            request.query("qualifier", "created");
        }
        if (fuzz.chance(0.2)) {
            request.query("type", fuzz.pick("MagicMoment", "Achievement", "UserGenerated"));
        }
        if (fuzz.chance(0.3)) {
            request.header("Accept-Language", fuzz.pick("fr-FR", "en-US", "en-US,fr;q=0.5"));
        }
        return request;
    }

    String owner(Fuzz fuzz) {
        return fuzz.pick("me", "xuid(" + USER + ")", "xuid(" + OTHER_USER + ")");
    }

    Map<String, Object> title(Fuzz fuzz) {
        return Fuzz.object("titleId", FUZZ_TITLE, "scids", new ArrayList<>(List.of("00000000-0000-0000-0000-000000f00016")),
                "sandboxIds", new ArrayList<>(List.of(fuzz.spec().sandboxId(), "RETAIL")), "defaultLocale", "en-US",
                "displayNames", Fuzz.object("en-US", fuzz.spec().text(30), "fr-FR", "Titre"),
                "clipNames", Fuzz.object("1193045", Fuzz.object("en-US", "Spree")),
                "storagePolicies", Fuzz.object("trusted", Fuzz.object("enabled", true, "readAccess", "OwnerOnly", "quotaBytes", 1024),
                        "json", Fuzz.object("enabled", false)),
                "clipQuotaBytes", 1L << 30);
    }

    FuzzRun routes(FuzzRun run) {
        Fuzz fuzz = run.fuzz();
        fuzz.authorizations(Fuzz.tokenForms(USER, TestTitles.TITLE_ID, TestTitles.SANDBOX));
        return run
                .route("POST", "/users/{ownerId}/scids/{scid}/clips", List.of(), f -> {
                    FuzzRequest r = as("POST", token(USER)).literal("users").segment(Part.OWNER, "me").literal("scids")
                            .segment(Part.SCID, SCID)
                            .literal("clips").header("Content-Type", "application/json").json(uploadRequest(f));
                    if (f.chance(0.3)) {
                        r.header("Idempotency-Key", f.uuid());
                    }
                    return r;
                })
                .route("GET", "/users/{ownerId}/scids/{scid}/clips", LIST_PARAMS, f -> list(f, as("GET", token(USER)).literal("users")
                        .segment(Part.OWNER, owner(f)).literal("scids").segment(Part.SCID, SCID).literal("clips")))
                .route("GET", "/users/{ownerId}/scids/{scid}/clips/{gameClipId}", List.of(), f -> clipRoute("GET", f, clip(f))
                        .header("Accept-Language", f.pick("fr-FR", "en-US")))
                .route("POST", "/users/{ownerId}/scids/{scid}/clips/{gameClipId}", List.of(),
                        f -> clipRoute("POST", f, clips.get(clips.size() - 1))
                                .header("Content-Type", "application/json")
                                .json(Fuzz.object("userCaption", f.spec().text(60), "visibility",
                                        f.pick("Default", "Public", "Owner", "Title"),
                                        "titleData", f.spec().text(40))))
                .route("DELETE", "/users/{ownerId}/scids/{scid}/clips/{gameClipId}", List.of(),
                        f -> clipRoute("DELETE", f, spares.isEmpty() ? clips.get(clips.size() - 1) : spares.remove(spares.size() - 1)))
                .route("POST", "/users/{ownerId}/scids/{scid}/clips/{gameClipId}/ratings/{ratingValue}", List.of(),
                        f -> clipRoute("POST", f, f.chance(0.7) ? published : clip(f), "ratings", "{ratingValue}"))
                .route("POST", "/users/{ownerId}/scids/{scid}/clips/{gameClipId}/views", List.of(),
                        f -> clipRoute("POST", f, f.chance(0.7) ? published : clip(f), "views"))
                .route("POST", "/users/{ownerId}/scids/{scid}/clips/{gameClipId}/flag", List.of(),
                        f -> clipRoute("POST", f, clip(f), "flag"))
                .route("GET", "/users/{ownerId}/clips", LIST_PARAMS, f -> list(f, as("GET", token(USER)).literal("users")
                        .segment(Part.OWNER, owner(f)).literal("clips")))
                .route("GET", "/users/{ownerId}/clips/saved", LIST_PARAMS, f -> list(f, as("GET", token(USER)).literal("users")
                        .segment(Part.OWNER, owner(f)).literal("clips", "saved")))
                .route("GET", "/users/{ownerId}/titles/{titleId}/clips", LIST_PARAMS, f -> list(f, as("GET", token(USER)).literal("users")
                        .segment(Part.OWNER, owner(f)).literal("titles").segment(Part.TITLE_ID, Long.toString(TestTitles.TITLE_ID))
                        .literal("clips")))
                .route("GET", "/users/{ownerId}/titles/{titleId}/clips/saved", LIST_PARAMS,
                        f -> list(f, as("GET", token(USER)).literal("users")
                                .segment(Part.OWNER, owner(f)).literal("titles").segment(Part.TITLE_ID, Long.toString(TestTitles.TITLE_ID))
                                .literal("clips", "saved")))
                .route("GET", "/public/scids/{scid}/clips", LIST_PARAMS, f -> list(f, as("GET", token(USER)).literal("public", "scids")
                        .segment(Part.SCID, SCID).literal("clips")))
                .route("GET", "/public/titles/{titleId}/clips", LIST_PARAMS, f -> list(f, as("GET", token(USER)).literal("public", "titles")
                        .segment(Part.TITLE_ID, Long.toString(TestTitles.TITLE_ID)).literal("clips")))
                .route("GET", "/public/titles/{titleId}/clips/saved", LIST_PARAMS,
                        f -> list(f, as("GET", token(USER)).literal("public", "titles")
                                .segment(Part.TITLE_ID, Long.toString(TestTitles.TITLE_ID)).literal("clips", "saved")))
                .route("GET", "/users/me/privacy/gameclips", List.of(),
                        f -> as("GET", token(USER)).literal("users", "me", "privacy", "gameclips"))
                .route("PUT", "/users/me/privacy/gameclips", List.of(), f -> as("PUT", token(f.chance(0.5) ? USER : OTHER_USER))
                        .literal("users", "me", "privacy", "gameclips").header("Content-Type", "application/json")
                        .json(Fuzz.object("createdContent", f.pick("Everyone", "OwnerOnly"))))
                .route("GET", "/admin/clip-flags", List.of("limit"), f -> {
                    FuzzRequest r = as("GET", operator()).literal("admin", "clip-flags");
                    return f.chance(0.5) ? r.query("limit", Integer.toString(1 + f.random().nextInt(1000))) : r;
                })
                .route("POST", "/admin/clip-flags/{gameClipId}", List.of(), f -> as("POST", operator()).literal("admin", "clip-flags")
                        .segment(Part.CLIP_ID, clip(f)).header("Content-Type", "application/json")
                        .json(Fuzz.object("resolution", f.pick("Cleared", "Cleared", "Removed"))))
                .route("GET", "/admin/titles", List.of(), f -> as("GET", operator()).literal("admin", "titles"))
                .route("GET", "/admin/titles/{titleId}", List.of(), f -> as("GET", operator()).literal("admin", "titles")
                        .segment(Part.TITLE_ID, Long.toString(f.pick(TestTitles.TITLE_ID, TestTitles.OTHER_TITLE_ID, FUZZ_TITLE))))
                // The registry's writes go to the run's own title (a NUMBER segment never draws the test titles' ids).
                .route("PUT", "/admin/titles/{titleId}", List.of(), f -> as("PUT", operator()).literal("admin", "titles")
                        .segment(Part.NUMBER, Long.toString(FUZZ_TITLE)).header("Content-Type", "application/json").json(title(f)))
                .route("DELETE", "/admin/titles/{titleId}", List.of(), f -> as("DELETE", operator()).literal("admin", "titles")
                        .segment(Part.NUMBER, Long.toString(FUZZ_TITLE)));
    }

    @Test
    void malformedRequestsOnEveryRouteNeverGetA5xx() throws Exception {
        clips.add(create(USER));
        othersClip = create(OTHER_USER);
        published = publish();
        FuzzRun run = new FuzzRun("metadata-service", base.getHost(), base.getPort());
        FuzzRun.Result result = routes(run).every(100, () -> {
            clips.add(create(USER));
            spares.add(create(USER));
        }).run();

        result.assertSound(23);
    }

    /** The inputs of the issue, each sent once: a 400 (or 404 for a clip id), never a 500 and never stored as "a?b". */
    @Test
    void theIssuesInputsAreRefused() throws Exception {
        String id = create(USER);
        SoftAssertions soft = new SoftAssertions();
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort(), Duration.ofSeconds(30))) {
            for (int which = 0; which < Fuzz.ISSUE_COUNT; which++) {
                Object caption = Fuzz.issueString("ab", which);
                String shown = new String(Fuzz.json(caption), StandardCharsets.ISO_8859_1);
                Map<String, Object> upload = uploadRequest(new Fuzz(1));
                upload.put("userCaption", caption);
                RawHttp.Response created = http.send(as("POST", token(USER)).literal("users", "me", "scids", SCID, "clips")
                        .header("Content-Type", "application/json").json(upload));
                soft.assertThat(created.status()).as("initial upload with userCaption %s: %s", shown, created.bodyText()).isEqualTo(400);

                RawHttp.Response updated = http.send(as("POST", token(USER)).literal("users", "me", "scids", SCID, "clips", id)
                        .header("Content-Type", "application/json").json(Fuzz.object("userCaption", caption)));
                soft.assertThat(updated.status()).as("update with userCaption %s: %s", shown, updated.bodyText()).isEqualTo(400);
            }
            for (String badId : List.of("%00", "a%00b", id + "%00", "%ED%A0%BD", "%FF", "%C3%28")) {
                for (String[] route : List.<String[]>of(new String[] {"GET"}, new String[] {"DELETE"}, new String[] {"POST", "views"},
                        new String[] {"POST", "flag"}, new String[] {"POST", "ratings", "5"})) {
                    FuzzRequest request = as(route[0], token(USER)).literal("users", "me", "scids", SCID, "clips", badId)
                            .literal(Arrays.copyOfRange(route, 1, route.length));
                    RawHttp.Response response = http.send(request);
                    soft.assertThat(response.status()).as("%s: %s", request.describe(), response.bodyText()).isIn(400, 404);
                }
            }
        }
        // the clip itself is untouched by all of the above
        var clip = given().header("Authorization", token(USER)).when().get("/users/me/scids/" + SCID + "/clips/" + id).then().extract();
        soft.assertThat(clip.statusCode()).isEqualTo(200);
        soft.assertThat(clip.<String>path("gameClip.userCaption")).doesNotContain("?");
        soft.assertAll();
    }
}
