package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.TestTitles;

/**
 * Issue 16 item 3 as a matrix: every public route of the three services × every text input it has (each path
 * parameter, a query parameter, each JSON string of its body, and the token's claims) × each kind of text no service
 * can store (U+0000, a lone surrogate, invalid UTF-8).
 * Each cell must be a 400 whose message names the input, before anything is read or stored.
 */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class EdgeTextMatrixTest {

    private static final String XUID = "2533274800001601";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    /** How a broken value is written into a URI and into a JSON string, and what the 400 says about it. */
    enum Broken {
        NUL("%00", "U+0000", "\\u0000", null, "U+0000"),
        // a surrogate has no UTF-8 form: percent-encoded it is an invalid byte sequence
        LONE_SURROGATE("%ED%A0%BD", "not valid UTF-8", "\\ud83d", null, "lone surrogate"),
        INVALID_UTF8("%C3%28", "not valid UTF-8", null, new byte[] {(byte) 0xC3, 0x28}, "not valid UTF-8");

        final String inUri;
        final String saysOfUri;
        final String jsonEscape;
        final byte[] rawJsonBytes;
        final String saysOfJson;

        Broken(String inUri, String saysOfUri, String jsonEscape, byte[] rawJsonBytes, String saysOfJson) {
            this.inUri = inUri;
            this.saysOfUri = saysOfUri;
            this.jsonEscape = jsonEscape;
            this.rawJsonBytes = rawJsonBytes;
            this.saysOfJson = saysOfJson;
        }

        /** The body with {@code @} (inside a JSON string) replaced by this broken text. */
        byte[] inJson(String template) {
            int at = template.indexOf('@');
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(template.substring(0, at).getBytes(StandardCharsets.UTF_8));
            body.writeBytes(jsonEscape != null ? jsonEscape.getBytes(StandardCharsets.US_ASCII) : rawJsonBytes);
            body.writeBytes(template.substring(at + 1).getBytes(StandardCharsets.UTF_8));
            return body.toByteArray();
        }

        /** What the 400 names for a JSON field: its pointer, or the whole body when the bytes are not UTF-8. */
        String jsonField(String field) {
            return rawJsonBytes != null ? "The request body" : "/" + field;
        }
    }

    enum Service {
        METADATA, TRANSFER, STORAGE
    }

    enum Auth {
        USER, OPERATOR, NONE
    }

    /** One route: its service, method, path template, a query parameter it reads, and a JSON body with fields. */
    record Route(Service service, String method, String template, String query, Auth auth, String body, List<String> bodyFields) {

        static Route of(Service service, String method, String template, String query) {
            return new Route(service, method, template, query, Auth.USER, null, List.of());
        }

        Route as(Auth newAuth) {
            return new Route(service, method, template, query, newAuth, body, bodyFields);
        }

        /** A JSON body template: each field name in {@code fields} has a string value the test breaks in turn. */
        Route withBody(String json, String... fields) {
            return new Route(service, method, template, query, auth, json, List.of(fields));
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final String CLIP_ID = UUID.nameUUIDFromBytes("edge-text".getBytes(StandardCharsets.UTF_8)).toString();
    private static final Map<String, String> VALID = new LinkedHashMap<>();

    static {
        VALID.put("ownerId", "me");
        VALID.put("scid", TestTitles.SCID);
        VALID.put("gameClipId", CLIP_ID);
        VALID.put("titleId", Long.toString(TestTitles.TITLE_ID));
        VALID.put("ratingValue", "3");
        VALID.put("owner", "xuid(" + XUID + ")");
        VALID.put("kind", "Large");
        VALID.put("asset", "video");
        VALID.put("sessionId", "session_1");
        VALID.put("blob", "save_slot_1/profile.json,json");
    }

    private static final String INITIAL_UPLOAD = "{\"greatestMomentId\":\"@\",\"userCaption\":\"@\",\"dateRecorded\":\"@\","
            + "\"durationInSeconds\":6,\"expectedBlocks\":1,\"fileSize\":1000,\"type\":\"UserGenerated\",\"source\":\"Console\","
            + "\"visibility\":\"Public\",\"titleData\":\"@\","
            + "\"systemProperties\":\"@\",\"sessionRef\":\"@\",\"thumbnailSource\":\"Default\"}";

    static List<Route> routes() {
        String clip = "/users/{ownerId}/scids/{scid}/clips/{gameClipId}";
        String me = "/users/me/scids/{scid}/clips";
        String user = "/trustedplatform/users/{owner}/scids/{scid}";
        String session = "/sessions/{sessionId}/scids/{scid}";
        String global = "/global/scids/{scid}";
        return List.of(
                Route.of(Service.METADATA, "POST", me, "x").withBody(INITIAL_UPLOAD, "userCaption", "titleData", "systemProperties",
                        "sessionRef", "greatestMomentId", "dateRecorded"),
                Route.of(Service.METADATA, "GET", "/users/{ownerId}/scids/{scid}/clips", "continuationToken"),
                Route.of(Service.METADATA, "GET", clip, "x"),
                Route.of(Service.METADATA, "POST", me + "/{gameClipId}", "x")
                        .withBody("{\"userCaption\":\"@\",\"titleData\":\"@\"}", "userCaption", "titleData"),
                Route.of(Service.METADATA, "DELETE", me + "/{gameClipId}", "x"),
                Route.of(Service.METADATA, "POST", clip + "/ratings/{ratingValue}", "x"),
                Route.of(Service.METADATA, "POST", clip + "/views", "x"),
                Route.of(Service.METADATA, "POST", clip + "/flag", "x"),
                Route.of(Service.METADATA, "GET", "/users/{ownerId}/clips", "eventId"),
                Route.of(Service.METADATA, "GET", "/users/{ownerId}/clips/saved", "type"),
                Route.of(Service.METADATA, "GET", "/users/{ownerId}/titles/{titleId}/clips", "qualifier"),
                Route.of(Service.METADATA, "GET", "/users/{ownerId}/titles/{titleId}/clips/saved", "order"),
                Route.of(Service.METADATA, "GET", "/public/scids/{scid}/clips", "greatestMomentId"),
                Route.of(Service.METADATA, "GET", "/public/titles/{titleId}/clips", "achievementId"),
                Route.of(Service.METADATA, "GET", "/public/titles/{titleId}/clips/saved", "qualifier"),
                Route.of(Service.METADATA, "GET", "/users/me/privacy/gameclips", "x"),
                Route.of(Service.METADATA, "PUT", "/users/me/privacy/gameclips", "x").withBody("{\"createdContent\":\"@\"}",
                        "createdContent"),
                Route.of(Service.METADATA, "GET", "/admin/clip-flags", "x").as(Auth.OPERATOR),
                Route.of(Service.METADATA, "POST", "/admin/clip-flags/{gameClipId}", "x").as(Auth.OPERATOR)
                        .withBody("{\"resolution\":\"@\"}", "resolution"),
                Route.of(Service.METADATA, "GET", "/admin/titles", "x").as(Auth.OPERATOR),
                Route.of(Service.METADATA, "GET", "/admin/titles/{titleId}", "x").as(Auth.OPERATOR),
                Route.of(Service.METADATA, "PUT", "/admin/titles/{titleId}", "x").as(Auth.OPERATOR)
                        .withBody("{\"titleId\":1000001,\"scids\":[\"@\"],\"sandboxIds\":[\"XDKS.1\"],\"displayNames\":{\"en-US\":\"@\"}}",
                                "scids/0", "displayNames/en-US"),
                Route.of(Service.METADATA, "DELETE", "/admin/titles/{titleId}", "x").as(Auth.OPERATOR),
                Route.of(Service.TRANSFER, "PUT", "/upload/{owner}/{gameClipId}/container", "blockNum"),
                Route.of(Service.TRANSFER, "GET", "/upload/{owner}/{gameClipId}/container", "x"),
                Route.of(Service.TRANSFER, "PUT", "/upload/{owner}/{gameClipId}/container/thumbnails/{kind}", "x"),
                Route.of(Service.TRANSFER, "GET", "/download/{gameClipId}/{asset}", "sig").as(Auth.NONE),
                Route.of(Service.TRANSFER, "HEAD", "/download/{gameClipId}/{asset}", "se").as(Auth.NONE),
                Route.of(Service.STORAGE, "GET", user, "x"),
                Route.of(Service.STORAGE, "GET", user + "/data/{blob}", "maxItems"),
                Route.of(Service.STORAGE, "PUT", user + "/data/{blob}", "displayName"),
                Route.of(Service.STORAGE, "DELETE", user + "/data/{blob}", "x"),
                Route.of(Service.STORAGE, "GET", session, "x"),
                Route.of(Service.STORAGE, "GET", session + "/data/{blob}", "continuationToken"),
                Route.of(Service.STORAGE, "PUT", session + "/data/{blob}", "clientFileTime"),
                Route.of(Service.STORAGE, "DELETE", session + "/data/{blob}", "x"),
                Route.of(Service.STORAGE, "GET", global, "x"),
                Route.of(Service.STORAGE, "GET", global + "/data/{blob}", "select"),
                Route.of(Service.STORAGE, "PUT", global + "/data/{blob}", "displayName").as(Auth.OPERATOR),
                Route.of(Service.STORAGE, "DELETE", global + "/data/{blob}", "x").as(Auth.OPERATOR),
                Route.of(Service.STORAGE, "POST", "/trustedplatform/users/batch/scids/{scid}/data/{blob}", "x")
                        .withBody("{\"xuids\":[\"@\"]}", "xuids/0"));
    }

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @ConfigProperty(name = "savepoint.test.storage-url")
    String storageUrl;

    @TestHTTPResource("/")
    String transferUrl;

    @TestFactory
    Stream<DynamicTest> everyTextInputOfEveryRouteRefusesBrokenText() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Route route : routes()) {
            for (Broken broken : Broken.values()) {
                Matcher placeholders = PLACEHOLDER.matcher(route.template());
                while (placeholders.find()) {
                    String name = placeholders.group(1);
                    cells.add(DynamicTest.dynamicTest(route + " × path {" + name + "} × " + broken,
                            () -> expect400(route, send(route, path(route, name, broken), "v", validBody(route)),
                                    "Path parameter '" + name + "'", broken.saysOfUri)));
                }
                cells.add(DynamicTest.dynamicTest(route + " × query " + route.query() + " × " + broken,
                        () -> expect400(route, send(route, path(route, null, null), broken.inUri, validBody(route)),
                                "Query parameter '" + route.query() + "'", broken.saysOfUri)));
                for (String field : route.bodyFields()) {
                    cells.add(DynamicTest.dynamicTest(route + " × JSON " + field + " × " + broken,
                            () -> expect400(route, send(route, path(route, null, null), "v", broken.inJson(bodyBreaking(route, field))),
                                    broken.jsonField(field), broken.saysOfJson)));
                }
            }
        }
        // a lone surrogate cannot be signed into a token here: the JWT library encodes it as '?'
        for (Route route : routes().stream().filter(r -> r.auth() == Auth.USER && r.method().equals("GET")).toList()) {
            cells.add(DynamicTest.dynamicTest(route + " × token claim xuid × " + Broken.NUL, () -> {
                String token = DevTokens.user("25332748\u0000", TestTitles.TITLE_ID, TestTitles.SANDBOX).sign();
                Response response = given().urlEncodingEnabled(false).header("Authorization", "XBL3.0 x=-;" + token)
                        .request(route.method(), base(route) + path(route, null, null));
                expect400(route, response, "'xuid' claim", Broken.NUL.saysOfJson);
            }));
        }
        return cells.stream();
    }

    /** The route's body template with only {@code field}'s value left to break ({@code @}); the other values valid. */
    private static String bodyBreaking(Route route, String field) {
        String template = route.body();
        String key = field.contains("/") ? field.substring(0, field.indexOf('/')) : field;
        int target = template.indexOf('@', template.indexOf("\"" + key + "\""));
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            json.append(c == '@' && i != target ? "valid" : String.valueOf(c));
        }
        return json.toString();
    }

    private static byte[] validBody(Route route) {
        return route.body() == null ? null : route.body().replace("@", "valid").getBytes(StandardCharsets.UTF_8);
    }

    private static String path(Route route, String broken, Broken how) {
        Matcher placeholders = PLACEHOLDER.matcher(route.template());
        StringBuilder path = new StringBuilder();
        while (placeholders.find()) {
            String name = placeholders.group(1);
            String value = VALID.get(name);
            if (name.equals(broken)) {
                int dot = value.lastIndexOf(',');
                value = dot > 0 ? value.substring(0, dot) + how.inUri + value.substring(dot) : value + how.inUri;
            }
            placeholders.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(path);
        return path.toString();
    }

    private String base(Route route) {
        String base = switch (route.service()) {
            case METADATA -> metadataUrl;
            case TRANSFER -> transferUrl;
            case STORAGE -> storageUrl;
        };
        return base.replaceAll("/$", "");
    }

    private Response send(Route route, String path, String queryValue, byte[] body) {
        RequestSpecification request = given().urlEncodingEnabled(false).header("x-xbl-contract-version", "1");
        if (route.auth() == Auth.USER) {
            request.header("Authorization", "XBL3.0 x=-;" + DevTokens.user(XUID, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign());
        } else if (route.auth() == Auth.OPERATOR) {
            request.header("Authorization", "Bearer " + DevTokens.operator().claim("sandboxId", TestTitles.SANDBOX).sign());
        }
        if (body != null) {
            request.contentType("application/json").body(body);
        } else if (!route.method().equals("GET") && !route.method().equals("DELETE")) {
            request.contentType("application/octet-stream").body(new byte[] {1, 2, 3});
        }
        String url = base(route) + path + "?" + route.query() + "=" + queryValue;
        return request.request(route.method(), url);
    }

    private static void expect400(Route route, Response response, String field, String problem) {
        String body = response.asString();
        assertThat(response.statusCode()).as("%s: %s", route, body).isEqualTo(400);
        if (!route.method().equals("HEAD")) {
            assertThat(body).as("%s names the input", route).contains(field).contains(problem);
        }
    }
}
