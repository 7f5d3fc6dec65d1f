package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.SpecData;
import io.savepoint.testing.TestTitles;

/**
 * Content isolation (spec A.1, A.5–A.9, B.0–B.6, D.6) on every route of the three services that names a SCID or a
 * title, directly ({@code {scid}}, {@code {titleId}}) or through a clip of a title (the upload URI): each route ×
 * <ul>
 * <li><b>own title</b>: user A's token of title 1 in XDKS.1 on title 1's SCID/titleId and A's own clip or blob: 2xx;</li>
 * <li><b>another title of the same user</b>: A's token of title 2 (RETAIL) on title 1's SCID/titleId and on A's title-1
 * clip or blob, made in RETAIL so that only the title differs: 403, and nothing changed;</li>
 * <li><b>an unregistered SCID / titleId</b> with A's title-1 token: 403, nothing changed;</li>
 * <li><b>another sandbox</b>: A's title-1 token in OTHER.1, where title 1 does not run: 403, nothing changed;</li>
 * <li><b>own title in RETAIL on data made in XDKS.1</b>: title 1 runs in both, but data never crosses sandboxes: a
 * clip is not found (404; lists answer without it), a blob is not there (404, quota 0, a PUT creates RETAIL's own)
 * and the XDKS.1 data is untouched.</li>
 * </ul>
 * A refusal of a {@code {scid}}/{@code {titleId}} is 403 on every route (D.6: "a SCID the requester cannot access →
 * 403"); it names only the token's own title and sandbox, so it tells nothing about any clip. 404 stays for a clip the
 * caller may not see in a SCID it may use (A.7). "Nothing changed" compares, before and after the call, what user A
 * sees through the other routes: their clip lists in every sandbox and title, the clip itself, the upload status, the
 * blob, the blob list and the quota. Every row makes its own user (a SpecData XUID) and its own clip or blob.
 */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class IsolationMatrixTest {

    private static final long SEED = Long.getLong("savepoint.test.seed", 0x15_0_1A7E_D16L);
    private static final String XDKS = TestTitles.SANDBOX;
    private static final String RETAIL = "RETAIL";
    /** A sandbox where no test title runs. */
    private static final String FOREIGN_SANDBOX = "OTHER.1";
    private static final List<String> STORAGE_FAMILIES = List.of("trustedplatform", "universalplatform", "untrustedplatform", "json");

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @ConfigProperty(name = "savepoint.test.storage-url")
    String storageUrl;

    /** The five cases; {@code label} completes the row name. */
    enum Case {
        OWN_TITLE("own title"),
        OTHER_TITLE("another title of the same user"),
        UNREGISTERED("an unregistered %s"),
        OTHER_SANDBOX("another sandbox (" + FOREIGN_SANDBOX + ")"),
        DATA_OF_OTHER_SANDBOX("own title in RETAIL on data made in XDKS.1");

        final String label;

        Case(String label) {
            this.label = label;
        }

        /** Where the row's clip or blob is made (by title 1): RETAIL when only the title may differ from the caller's. */
        String resourceSandbox() {
            return this == OTHER_TITLE ? RETAIL : XDKS;
        }

        long actorTitle() {
            return this == OTHER_TITLE ? TestTitles.OTHER_TITLE_ID : TestTitles.TITLE_ID;
        }

        String actorSandbox() {
            return switch (this) {
                case OWN_TITLE, UNREGISTERED -> XDKS;
                case OTHER_TITLE, DATA_OF_OTHER_SANDBOX -> RETAIL;
                case OTHER_SANDBOX -> FOREIGN_SANDBOX;
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ the matrix

    /** What a route needs made before the call. */
    enum Resource {
        NONE, CLIP, UPLOADABLE_CLIP, USER_BLOB, SESSION_BLOB, GLOBAL_BLOB
    }

    interface Call {
        Response call(Ctx ctx) throws Exception;
    }

    interface Check {
        void check(Ctx ctx, Response response, List<String> problems);
    }

    /** One route: how to call it, what to make first, what each case answers, and what a success must show. */
    record Route(String method, String template, Resource resource, String family, Map<Case, Integer> expected, Call call,
            Check onSuccess) {

        String parameterKind() {
            return template.contains("{titleId}") ? "titleId" : "SCID";
        }
    }

    /** One row of the matrix. */
    record Row(String name, Route route, Case c, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Row> ROWS = rows();

    static Stream<String> matrix() {
        return ROWS.stream().map(Row::name);
    }

    private static List<Row> rows() {
        List<Route> routes = new ArrayList<>();
        metadataRoutes(routes);
        storageRoutes(routes);
        transferRoutes(routes);
        List<Row> rows = new ArrayList<>();
        for (Route route : routes) {
            route.expected().forEach((c, status) -> rows.add(new Row(route.method() + " " + route.template() + " × "
                    + c.label.formatted(route.parameterKind()), route, c, status)));
        }
        return rows;
    }

    /** 403 for b, c, d; {@code own} for a; {@code e} for e (null: no such row). */
    private static Map<Case, Integer> expect(int own, Integer e) {
        Map<Case, Integer> expected = new LinkedHashMap<>();
        expected.put(Case.OWN_TITLE, own);
        expected.put(Case.OTHER_TITLE, 403);
        expected.put(Case.UNREGISTERED, 403);
        expected.put(Case.OTHER_SANDBOX, 403);
        if (e != null) {
            expected.put(Case.DATA_OF_OTHER_SANDBOX, e);
        }
        return expected;
    }

    private static void metadataRoutes(List<Route> routes) {
        String clips = "/users/{ownerId}/scids/{scid}/clips";
        String clip = clips + "/{gameClipId}";
        String myClip = "/users/me/scids/{scid}/clips/{gameClipId}";
        routes.add(new Route("POST", "/users/me/scids/{scid}/clips", Resource.NONE, null, expect(200, null),
                ctx -> ctx.metadata(ctx.actorAuth).contentType(ContentType.JSON).body(ctx.clipRequest(n -> {}))
                        .post("/users/me/scids/" + ctx.scid + "/clips"),
                (ctx, r, problems) -> {
                    String id = r.jsonPath().getString("gameClipId");
                    if (ctx.ownerGet(XDKS, id).statusCode() != 200) {
                        problems.add("the new clip " + id + " is not there for its owner");
                    }
                }));
        routes.add(new Route("GET", clips, Resource.CLIP, null, expect(200, 200),
                ctx -> ctx.metadata(ctx.actorAuth).get("/users/" + ctx.ownerId() + "/scids/" + ctx.scid + "/clips"),
                IsolationMatrixTest::listShowsClipOnlyInItsSandbox));
        routes.add(new Route("GET", clip, Resource.CLIP, null, expect(200, 404),
                ctx -> ctx.metadata(ctx.actorAuth).get("/users/" + ctx.ownerId() + "/scids/" + ctx.scid + "/clips/" + ctx.clipId),
                (ctx, r, problems) -> expectEqual(problems, "gameClip.gameClipId", ctx.clipId,
                        r.jsonPath().getString("gameClip.gameClipId"))));
        routes.add(new Route("POST", myClip, Resource.CLIP, null, expect(200, 404),
                ctx -> ctx.metadata(ctx.actorAuth).contentType(ContentType.JSON)
                        .body(InitialUploadTest.JSON.writeValueAsString(Map.of("userCaption", ctx.newCaption)))
                        .post("/users/me/scids/" + ctx.scid + "/clips/" + ctx.clipId),
                (ctx, r, problems) -> expectEqual(problems, "the owner's caption", ctx.newCaption,
                        ctx.ownerGet(XDKS, ctx.clipId).jsonPath().getString("gameClip.userCaption"))));
        routes.add(new Route("DELETE", myClip, Resource.CLIP, null, expect(204, 404),
                ctx -> ctx.metadata(ctx.actorAuth).delete("/users/me/scids/" + ctx.scid + "/clips/" + ctx.clipId),
                (ctx, r, problems) -> expectEqual(problems, "the owner's GET after the delete", 404,
                        ctx.ownerGet(XDKS, ctx.clipId).statusCode())));
        routes.add(new Route("POST", clip + "/ratings/{ratingValue}", Resource.CLIP, null, expect(200, 404),
                ctx -> ctx.metadata(ctx.actorAuth).post("/users/" + ctx.ownerId() + "/scids/" + ctx.scid + "/clips/" + ctx.clipId
                        + "/ratings/" + ctx.rating),
                (ctx, r, problems) -> expectEqual(problems, "ratingCount", 1, r.jsonPath().getInt("ratingCount"))));
        routes.add(new Route("POST", clip + "/views", Resource.CLIP, null, expect(200, 404),
                ctx -> ctx.metadata(ctx.actorAuth)
                        .post("/users/" + ctx.ownerId() + "/scids/" + ctx.scid + "/clips/" + ctx.clipId + "/views"),
                (ctx, r, problems) -> expectEqual(problems, "views", 1,
                        ctx.ownerGet(XDKS, ctx.clipId).jsonPath().getInt("gameClip.views"))));
        routes.add(new Route("POST", clip + "/flag", Resource.CLIP, null, expect(200, 404),
                ctx -> ctx.metadata(ctx.actorAuth)
                        .post("/users/" + ctx.ownerId() + "/scids/" + ctx.scid + "/clips/" + ctx.clipId + "/flag"),
                (ctx, r, problems) -> {}));
        for (String saved : List.of("", "/saved")) {
            routes.add(new Route("GET", "/users/{ownerId}/titles/{titleId}/clips" + saved, Resource.CLIP, null, expect(200, 200),
                    ctx -> ctx.metadata(ctx.actorAuth).get("/users/" + ctx.ownerId() + "/titles/" + ctx.titleId + "/clips" + saved),
                    IsolationMatrixTest::listShowsClipOnlyInItsSandbox));
        }
        routes.add(new Route("GET", "/public/scids/{scid}/clips", Resource.CLIP, null, expect(200, 200),
                ctx -> ctx.metadata(ctx.actorAuth).queryParam("qualifier", "created").get("/public/scids/" + ctx.scid + "/clips"),
                IsolationMatrixTest::publicListAnswers));
        for (String saved : List.of("", "/saved")) {
            routes.add(new Route("GET", "/public/titles/{titleId}/clips" + saved, Resource.CLIP, null, expect(200, 200),
                    ctx -> ctx.metadata(ctx.actorAuth).queryParam("qualifier", "created")
                            .get("/public/titles/" + ctx.titleId + "/clips" + saved),
                    IsolationMatrixTest::publicListAnswers));
        }
    }

    private static void storageRoutes(List<Route> routes) {
        for (String family : STORAGE_FAMILIES) {
            // json storage is disabled for title 1 (savepoint-test-titles.json): every case is its documented 403.
            boolean json = family.equals("json");
            String user = "/" + family + "/users/xuid({xuid})/scids/{scid}";
            storageRoutesOf(routes, family, user, Resource.USER_BLOB, json);
            routes.add(
                    new Route("POST", "/" + family + "/users/batch/scids/{scid}/data/{pathAndFileName},{type}", Resource.USER_BLOB, family,
                            json ? allForbidden() : expect(200, 200),
                            ctx -> ctx.storage(ctx.actorAuth).contentType(ContentType.JSON).body("{\"xuids\":[" + ctx.xuid + "]}")
                                    .post("/" + family + "/users/batch/scids/" + ctx.scid + "/data/" + ctx.blobName),
                            (ctx, r, problems) -> {
                                String part = "HttpStatusCode: " + (ctx.c == Case.OWN_TITLE ? 200 : 404);
                                if (!r.asString().contains(part)) {
                                    problems.add("the part of xuid " + ctx.xuid + " should carry '" + part + "': " + r.asString());
                                }
                            }));
        }
        storageRoutesOf(routes, "sessions", "/sessions/{sessionId}/scids/{scid}", Resource.SESSION_BLOB, false);
        // global storage is written only by operators: its PUT and DELETE rows use operator tokens scoped to a title and sandbox
        storageRoutesOf(routes, "global", "/global/scids/{scid}", Resource.GLOBAL_BLOB, false);
    }

    /** json storage is disabled for title 1: its documented refusal, 403, in every case. */
    private static Map<Case, Integer> allForbidden() {
        return expect(403, 403);
    }

    /** Quota, list, download, upload and delete of one place (global: the uploads by a title-scoped operator token). */
    private static void storageRoutesOf(List<Route> routes, String family, String base, Resource resource, boolean disabled) {
        String data = base + "/data/";
        routes.add(new Route("GET", base, resource, family, disabled ? allForbidden() : expect(200, 200),
                ctx -> ctx.storage(ctx.actorAuth).get(ctx.base(ctx.scid)),
                (ctx, r, problems) -> {
                    int used = r.jsonPath().getInt("quotaInfo.usedBytes");
                    if (resource == Resource.GLOBAL_BLOB) {
                        // global storage is one place per title and sandbox, shared by every row
                        if (ctx.c == Case.OWN_TITLE && used < ctx.content.length) {
                            problems.add("quotaInfo.usedBytes " + used + " does not count the row's " + ctx.content.length + " bytes");
                        }
                    } else {
                        expectEqual(problems, "quotaInfo.usedBytes", ctx.c == Case.OWN_TITLE ? ctx.content.length : 0, used);
                    }
                }));
        routes.add(new Route("GET", data + "{path}", resource, family, disabled ? allForbidden() : expect(200, 200),
                ctx -> ctx.storage(ctx.actorAuth).get(ctx.base(ctx.scid) + "/data/" + ctx.directory),
                (ctx, r, problems) -> {
                    boolean listed = r.jsonPath().getList("blobs.fileName").contains(ctx.blobName);
                    if (listed != (ctx.c == Case.OWN_TITLE)) {
                        problems.add("the list should " + (listed ? "not " : "") + "name " + ctx.blobName + ": " + r.asString());
                    }
                }));
        routes.add(new Route("GET", data + "{pathAndFileName},{type}", resource, family, disabled ? allForbidden() : expect(200, 404),
                ctx -> ctx.storage(ctx.actorAuth).get(ctx.base(ctx.scid) + "/data/" + ctx.blobName),
                (ctx, r, problems) -> expectEqual(problems, "the body's SHA-256", TestClips.sha256(ctx.content),
                        TestClips.sha256(r.asByteArray()))));
        // A PUT replaces the blob (200); in RETAIL it makes RETAIL's own blob (201) and leaves XDKS.1's alone.
        routes.add(new Route("PUT", data + "{pathAndFileName},{type}", resource, family, disabled ? allForbidden() : expect(200, 201),
                ctx -> ctx.storage(ctx.writerAuth()).contentType(ctx.blobContentType()).body(ctx.newContent)
                        .queryParam("finalBlock", "true").put(ctx.base(ctx.scid) + "/data/" + ctx.blobName),
                (ctx, r, problems) -> expectEqual(problems, "the blob's SHA-256 after the PUT", TestClips.sha256(ctx.newContent),
                        TestClips.sha256(
                                ctx.storage(ctx.ownerAuth(ctx.c.actorSandbox())).get(ctx.base(TestTitles.SCID) + "/data/" + ctx.blobName)
                                        .asByteArray()))));
        // A DELETE answers 200 also for a blob that is not there (spec B.5): in RETAIL, XDKS.1's blob stays.
        routes.add(new Route("DELETE", data + "{pathAndFileName},{type}", resource, family, disabled ? allForbidden() : expect(200, 200),
                ctx -> ctx.storage(ctx.writerAuth()).delete(ctx.base(ctx.scid) + "/data/" + ctx.blobName),
                (ctx, r, problems) -> {
                    if (ctx.c == Case.OWN_TITLE) {
                        expectEqual(problems, "the owner's GET after the delete", 404,
                                ctx.storage(ctx.ownerAuth(XDKS)).get(ctx.base(TestTitles.SCID) + "/data/" + ctx.blobName).statusCode());
                    }
                }));
    }

    private static void transferRoutes(List<Route> routes) {
        String upload = "/upload/{owner}/{gameClipId}/container";
        routes.add(new Route("PUT", upload + "?blockNum=N", Resource.UPLOADABLE_CLIP, null, transferExpect(202),
                ctx -> ctx.transfer(ctx.actorAuth).contentType("application/octet-stream").body(ctx.block).queryParam("blockNum", 0)
                        .put(ctx.uploadPath),
                (ctx, r, problems) -> expectEqual(problems, "receivedBlocks", List.of(0),
                        ctx.transfer(ctx.ownerAuth(XDKS)).get(ctx.uploadPath).jsonPath().getList("receivedBlocks"))));
        routes.add(new Route("GET", upload, Resource.UPLOADABLE_CLIP, null, transferExpect(200),
                ctx -> ctx.transfer(ctx.actorAuth).get(ctx.uploadPath),
                (ctx, r, problems) -> expectEqual(problems, "gameClipId", ctx.clipId, r.jsonPath().getString("gameClipId"))));
        routes.add(new Route("PUT", upload + "/thumbnails/{kind}", Resource.UPLOADABLE_CLIP, null, transferExpect(201),
                ctx -> ctx.transfer(ctx.actorAuth).contentType("image/jpeg").body(ctx.thumbnail)
                        .put(ctx.uploadPath + "/thumbnails/" + ctx.thumbnailKind),
                (ctx, r, problems) -> {}));
    }

    /** Transfer routes have no {scid}: own title, another title, another sandbox (403 from the clip's title and sandbox). */
    private static Map<Case, Integer> transferExpect(int own) {
        Map<Case, Integer> expected = new LinkedHashMap<>();
        expected.put(Case.OWN_TITLE, own);
        expected.put(Case.OTHER_TITLE, 403);
        expected.put(Case.OTHER_SANDBOX, 403);
        return expected;
    }

    private static void listShowsClipOnlyInItsSandbox(Ctx ctx, Response r, List<String> problems) {
        boolean listed = r.jsonPath().getList("gameClips.gameClipId").contains(ctx.clipId);
        if (listed != (ctx.c == Case.OWN_TITLE)) {
            problems.add("the list should " + (listed ? "not " : "") + "hold clip " + ctx.clipId + ": " + r.asString());
        }
    }

    private static void publicListAnswers(Ctx ctx, Response r, List<String> problems) {
        if (r.jsonPath().getList("gameClips") == null) {
            problems.add("no gameClips list: " + r.asString());
        }
    }

    private static void expectEqual(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(what + ": expected " + expected + ", got " + actual);
        }
    }

    // ------------------------------------------------------------------------------------------------ the test

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void contentIsolation(String name) throws Exception {
        Row row = ROWS.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        Ctx ctx = new Ctx(row, metadataUrl, storageUrl);
        ctx.setUp();
        Map<String, String> before = ctx.world();
        Response response = row.route().call().call(ctx);
        List<String> problems = new ArrayList<>();
        int status = response.statusCode();
        if (status != row.expected()) {
            problems.add("expected " + row.expected() + ", got " + status + " " + response.asString());
        } else if (status >= 400 && !response.asString().contains("errorMessage")) {
            problems.add("the refusal has no error body: " + response.asString());
        } else if ("json".equals(row.route().family()) && row.c() == Case.OWN_TITLE && !response.asString().contains("not enabled")) {
            problems.add("json storage's refusal should say it is not enabled: " + response.asString());
        }
        boolean success = row.expected() < 300;
        if (success && status == row.expected()) {
            row.route().onSuccess().check(ctx, response, problems);
        }
        if (!success || row.c() == Case.DATA_OF_OTHER_SANDBOX) {
            // a refusal changes nothing; a success in RETAIL changes nothing of XDKS.1's
            Map<String, String> after = ctx.world();
            before.forEach((view, was) -> {
                boolean compared = !success || view.startsWith(XDKS + " ");
                if (compared && !was.equals(after.get(view))) {
                    problems.add("changed: " + view + "\n    before: " + was + "\n    after:  " + after.get(view));
                }
            });
        }
        if (!problems.isEmpty()) {
            fail(name + " (seed " + SEED + ", xuid " + ctx.xuid + ")\n  " + String.join("\n  ", problems));
        }
    }

    // ------------------------------------------------------------------------------------------------ one row's world

    /** A row's user, data and resources, and the tokens of each side. */
    static final class Ctx {
        final Case c;
        final Route route;
        final SpecData data;
        final String metadataUrl;
        final String storageUrl;
        final String xuid;
        final String actorAuth;
        final String scid;
        final String titleId;
        final String newCaption;
        final int rating;
        final String directory;
        final String blobName;
        final byte[] content;
        final byte[] newContent;
        final String sessionId;
        final byte[] block;
        final String thumbnailKind;
        byte[] thumbnail;
        String clipId;
        String uploadPath;

        Ctx(Row row, String metadataUrl, String storageUrl) {
            this.c = row.c();
            this.route = row.route();
            this.data = new SpecData(SEED ^ row.name().hashCode());
            this.metadataUrl = metadataUrl;
            this.storageUrl = storageUrl;
            this.xuid = data.xuid();
            this.actorAuth = userAuth(xuid, c.actorTitle(), c.actorSandbox());
            this.scid = c == Case.UNREGISTERED ? TestTitles.UNREGISTERED_SCID : TestTitles.SCID;
            long unregisteredTitle;
            do {
                unregisteredTitle = data.titleId();
            } while (unregisteredTitle == TestTitles.TITLE_ID || unregisteredTitle == TestTitles.OTHER_TITLE_ID);
            this.titleId = Long.toString(c == Case.UNREGISTERED ? unregisteredTitle : TestTitles.TITLE_ID);
            this.newCaption = data.text(120);
            this.rating = 1 + data.random().nextInt(5);
            this.directory = data.directory(3);
            boolean jsonBlob = "json".equals(route.family()) || data.random().nextInt(4) == 0;
            this.blobName = directory + "/" + data.fileName() + (jsonBlob ? ",json" : ",binary");
            this.content = jsonBlob ? jsonDocument() : bytes(1 + data.random().nextInt(400));
            this.newContent = jsonBlob ? jsonDocument() : bytes(1 + data.random().nextInt(400));
            this.sessionId = data.pathSegment() + "~" + data.pathSegment();
            this.block = bytes(1000);
            this.thumbnailKind = data.oneOf("large", "small");
        }

        private byte[] bytes(int size) {
            byte[] bytes = new byte[size];
            data.random().nextBytes(bytes);
            return bytes;
        }

        private byte[] jsonDocument() {
            try {
                return InitialUploadTest.JSON.writeValueAsBytes(Map.of("caption", data.text(60), "level", data.random().nextInt(100)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String ownerId() {
            return data.oneOf("me", "xuid(" + xuid + ")");
        }

        static String userAuth(String xuid, long titleId, String sandbox) {
            return "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, sandbox).sign();
        }

        String ownerAuth(String sandbox) {
            return userAuth(xuid, TestTitles.TITLE_ID, sandbox);
        }

        /** Global storage is written by an operator acting for a title (titleId and sandboxId claims); users write their own. */
        String writerAuth() {
            if (route.resource() != Resource.GLOBAL_BLOB) {
                return actorAuth;
            }
            return operatorAuth(c.actorTitle(), c.actorSandbox());
        }

        static String operatorAuth(long titleId, String sandbox) {
            return "XBL3.0 x=-;" + DevTokens.operator().claim("titleId", Long.toString(titleId)).claim("sandboxId", sandbox).sign();
        }

        String blobContentType() {
            return blobName.endsWith(",json") ? "application/json" : "application/octet-stream";
        }

        RequestSpecification metadata(String auth) {
            return given().baseUri(metadataUrl).header("Authorization", auth).header("x-xbl-contract-version", "1");
        }

        RequestSpecification storage(String auth) {
            return given().baseUri(storageUrl).header("Authorization", auth).header("x-xbl-contract-version", "1");
        }

        RequestSpecification transfer(String auth) {
            return given().header("Authorization", auth).header("x-xbl-contract-version", "1");
        }

        /** The storage place of the row's route with the given SCID (quota URI; add /data/… for blobs). */
        String base(String scid) {
            return switch (route.resource()) {
                case SESSION_BLOB -> "/sessions/" + sessionId + "/scids/" + scid;
                case GLOBAL_BLOB -> "/global/scids/" + scid;
                default -> "/" + route.family() + "/users/xuid(" + xuid + ")/scids/" + scid;
            };
        }

        String clipRequest(Consumer<ObjectNode> change) {
            return InitialUploadTest.body(n -> {
                n.put("userCaption", data.text(120)).put("savedByUser", true)
                        .put("visibility", data.oneOf("Default", "Public", "Title", "Owner"));
                change.accept(n);
            });
        }

        Response ownerGet(String sandbox, String gameClipId) {
            return metadata(ownerAuth(sandbox)).get("/users/xuid(" + xuid + ")/scids/" + TestTitles.SCID + "/clips/" + gameClipId);
        }

        /** Makes the row's clip or blob, as user A with title 1 in the case's resource sandbox. */
        void setUp() throws Exception {
            String sandbox = c.resourceSandbox();
            String owner = ownerAuth(sandbox);
            switch (route.resource()) {
                case NONE -> {
                }
                case CLIP -> created(metadata(owner).contentType(ContentType.JSON).body(clipRequest(n -> {}))
                        .post("/users/me/scids/" + TestTitles.SCID + "/clips"));
                case UPLOADABLE_CLIP -> {
                    thumbnail = "large".equals(thumbnailKind) ? ClipPipelineTest.jpeg(754, 424) : ClipPipelineTest.jpeg(370, 208);
                    created(metadata(owner).contentType(ContentType.JSON).body(clipRequest(n -> n.put("fileSize", 2 * block.length)
                            .put("expectedBlocks", 2).put("durationInSeconds", 6).put("thumbnailSource", "Upload")
                            .remove("thumbnailOffsetMillseconds"))).post("/users/me/scids/" + TestTitles.SCID + "/clips"));
                }
                case USER_BLOB, SESSION_BLOB -> {
                    if (!"json".equals(route.family())) {
                        putBlob(owner);
                    }
                }
                case GLOBAL_BLOB -> putBlob(operatorAuth(TestTitles.TITLE_ID, sandbox));
            }
        }

        private void created(Response response) {
            if (response.statusCode() != 200) {
                throw new AssertionError("Setup: the initial upload request answered " + response.statusCode() + " " + response.asString());
            }
            clipId = response.jsonPath().getString("gameClipId");
            uploadPath = URI.create(response.jsonPath().getString("uploadUri")).getPath();
        }

        private void putBlob(String auth) {
            Response response = storage(auth).contentType(blobContentType()).body(content).queryParam("finalBlock", "true")
                    .put(base(TestTitles.SCID) + "/data/" + blobName);
            if (response.statusCode() != 201) {
                throw new AssertionError("Setup: the blob PUT answered " + response.statusCode() + " " + response.asString());
            }
        }

        /**
         * What user A sees of their data through the other routes, by view; keys start with the sandbox. Clips: A's
         * lists in each sandbox for title 1 (and title 2 in RETAIL), and the clip itself; the upload status. Storage:
         * quota, the list of the row's folder and the blob, in XDKS.1 and RETAIL.
         */
        Map<String, String> world() {
            Map<String, String> views = new LinkedHashMap<>();
            switch (route.resource()) {
                case NONE, CLIP, UPLOADABLE_CLIP -> {
                    for (String sandbox : List.of(XDKS, RETAIL, FOREIGN_SANDBOX)) {
                        views.put(sandbox + " title 1 list", clipList(ownerAuth(sandbox)));
                    }
                    views.put(RETAIL + " title 2 list", clipList(userAuth(xuid, TestTitles.OTHER_TITLE_ID, RETAIL)));
                    if (clipId != null) {
                        String sandbox = c.resourceSandbox();
                        Response clip = ownerGet(sandbox, clipId);
                        views.put(sandbox + " clip", clip.statusCode() + " " + (clip.statusCode() == 200
                                ? project(clip.jsonPath().getMap("gameClip")) : ""));
                        Response status = transfer(ownerAuth(sandbox)).get(uploadPath);
                        views.put(sandbox + " upload status", status.statusCode() + " " + status.asString());
                    }
                }
                case USER_BLOB, SESSION_BLOB, GLOBAL_BLOB -> {
                    for (String sandbox : List.of(XDKS, RETAIL)) {
                        RequestSpecification owner = storage(ownerAuth(sandbox));
                        Response quota = owner.get(base(TestTitles.SCID));
                        views.put(sandbox + " quota", quota.statusCode() + " " + quota.asString());
                        Response list = storage(ownerAuth(sandbox)).get(base(TestTitles.SCID) + "/data/" + directory);
                        views.put(sandbox + " list", list.statusCode() + " " + list.asString());
                        Response blob = storage(ownerAuth(sandbox)).get(base(TestTitles.SCID) + "/data/" + blobName);
                        views.put(sandbox + " blob", blob.statusCode() + " " + blob.header("ETag") + " "
                                + (blob.statusCode() == 200 ? TestClips.sha256(blob.asByteArray()) : blob.asString()));
                    }
                }
            }
            return views;
        }

        private String clipList(String auth) {
            Response list = metadata(auth).queryParam("maxItems", 100).get("/users/me/clips");
            if (list.statusCode() != 200) {
                return list.statusCode() + " " + list.asString();
            }
            List<Map<String, Object>> clips = list.jsonPath().getList("gameClips");
            return "200 " + clips.stream().map(IsolationMatrixTest::project).collect(Collectors.joining("; "));
        }
    }

    /** The fields of a GameClip a change would touch (no signed URIs, which differ on every read). */
    private static String project(Map<String, Object> clip) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String field : List.of("gameClipId", "state", "userCaption", "visibility", "rating", "ratingCount", "views", "titleId", "scid",
                "savedByUser", "lastModified", "titleData")) {
            kept.put(field, clip.get(field));
        }
        Object thumbnails = clip.get("thumbnails");
        if (thumbnails instanceof List<?> list) {
            kept.put("thumbnails", list.stream().map(t -> t instanceof Map<?, ?> m ? m.get("thumbnailType") + ":" + m.get("fileSize") : "?")
                    .toList());
        }
        return kept.toString();
    }
}
