package io.savepoint.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.savepoint.testing.FuzzRequest.BodyKind;
import io.savepoint.testing.FuzzRequest.Param;
import io.savepoint.testing.FuzzRequest.Part;
import io.savepoint.testing.FuzzRequest.Segment;

/**
 * Seeded mutations of a valid {@link FuzzRequest}: its path segments, query, headers, token and body, each drawing from
 * the inputs that broke the services before (U+0000, lone surrogates, invalid UTF-8, {@code _}, {@code %25},
 * {@code \}, {@code ..}, very long and empty values) and from the valid-but-unusual values of {@link SpecData}. The
 * same seed makes the same requests.
 */
public final class Fuzz {

    /** A JSON fragment written verbatim: a number no Java type holds, or a string with raw invalid UTF-8 bytes. */
    public record Raw(byte[] bytes) {
        public static Raw of(String text) {
            return new Raw(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private final Random random;
    private final SpecData spec;
    private final List<byte[]> authorizations = new ArrayList<>();
    private final List<String> authorizationNames = new ArrayList<>();

    public Fuzz(long seed) {
        this.spec = new SpecData(seed);
        this.random = spec.random();
    }

    public Random random() {
        return random;
    }

    public SpecData spec() {
        return spec;
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Authorization header values a header mutation may put in (besides its own garbage); see {@link #tokenForms}. */
    public Fuzz authorizations(Map<String, String> forms) {
        forms.forEach((name, value) -> {
            authorizationNames.add(name);
            authorizations.add(value.getBytes(StandardCharsets.ISO_8859_1));
        });
        return this;
    }

    // ------------------------------------------------------------------ values

    /** A path segment or query value as sent (percent-encoded; chars above 0x7F are raw bytes). */
    public String uriValue(Part part, String current) {
        int roll = random.nextInt(100);
        if (current != null && !current.isEmpty() && roll < 30) {
            return splice(current, uriNasty());
        }
        if (roll < 60) {
            String special = partValue(part, current);
            if (special != null) {
                return special;
            }
        }
        return roll < 85 ? uriNasty() : FuzzRequest.encodePath(unusual());
    }

    /** {@code value} with {@code insert} put at its start, end or somewhere inside. */
    private String splice(String value, String insert) {
        return switch (random.nextInt(3)) {
            case 0 -> insert + value;
            case 1 -> value + insert;
            default -> {
                int at = random.nextInt(value.length() + 1);
                yield value.substring(0, at) + insert + value.substring(at);
            }
        };
    }

    /** The issue's characters and friends, as they appear in a URI. */
    public String uriNasty() {
        if (chance(0.4)) {
            return pick(ISSUE_URI);
        }
        return switch (random.nextInt(44)) {
            case 0 -> "%00";
            case 1 -> "a%00b";
            case 2 -> "%ED%A0%BD";
            case 3 -> "a%ED%A0%BDb";
            case 4 -> "%ED%B8%80";
            case 5 -> "%FF";
            case 6 -> "%C3%28";
            case 7 -> "a%FFb";
            case 8 -> "_";
            case 9 -> "__";
            case 10 -> "%25";
            case 11 -> "%2525";
            case 12 -> "%5C";
            case 13 -> "\\";
            case 14 -> "..";
            case 15 -> "%2E%2E";
            case 16 -> ".";
            case 17 -> "%2F";
            case 18 -> "..%2F..%2Fetc%2Fpasswd";
            case 19 -> "";
            case 20 -> "%20";
            case 21 -> "+";
            case 22 -> "%";
            case 23 -> "%G0";
            case 24 -> "%C0%80";
            case 25 -> "%EF%BF%BF";
            case 26 -> "%E2%80%AE";
            case 27 -> "%F0%9F%98%80";
            case 28 -> "%0D%0A";
            case 29 -> "%09";
            case 30 -> "null";
            case 31 -> "-1";
            case 32 -> "99999999999999999999";
            case 33 -> "1e10";
            case 34 -> "a".repeat(pick(256, 1000, 3000));
            case 35 -> "%00".repeat(pick(10, 300));
            case 36 -> "\u00FF"; // a raw 0xFF byte in the request target
            case 37 -> "\u00C3("; // raw 0xC3 0x28
            case 38 -> "\u00C3\u00A9"; // raw UTF-8 é, unencoded
            case 39 -> "%3B";
            case 40 -> ";x=1";
            case 41 -> "%3F";
            case 42 -> "%26";
            default -> "%22%27%3C";
        };
    }

    /** Valid values from the spec's alphabets that real clients send and tidy tests do not. */
    public String unusual() {
        return switch (random.nextInt(9)) {
            case 0 -> spec.text(40);
            case 1 -> spec.scid();
            case 2 -> spec.xuid();
            case 3 -> spec.fileName();
            case 4 -> spec.sandboxId();
            case 5 -> Long.toString(spec.titleId());
            case 6 -> spec.pathSegment();
            case 7 -> spec.blobPath();
            default -> spec.directory(4);
        };
    }

    private String partValue(Part part, String current) {
        return switch (part) {
            case OWNER ->
                pick("me", "ME", "Me", "xuid(" + spec.xuid() + ")", "XUID(" + spec.xuid() + ")", "xuid()", "xuid(" + uriNasty() + ")",
                        "xuid(" + spec.xuid(), spec.xuid(), "xuid(-1)", "xuid(18446744073709551616)", "xuid(0)", "gt(Major%20Nelson)",
                        "xuid(" + spec.xuid() + ")xuid(1)", "me%00", "xuid(2533274800000101%00)", "xuid(%ED%A0%BD)", "xuid(%FF)");
            case SCID -> pick(spec.scid(), current == null ? spec.scid() : current.toUpperCase(Locale.ROOT), TestTitles.OTHER_SCID,
                    TestTitles.UNREGISTERED_SCID, "00000000000000000000000000000000", "%7B" + TestTitles.SCID + "%7D",
                    TestTitles.SCID + "%00",
                    "00000000-0000-0000-0000-00000000a00%FF", "00000000-0000-0000-0000-00000000a0_1",
                    "zzzzzzzz-0000-0000-0000-000000000000");
            case CLIP_ID, SESSION -> pick(uuid(), uuid().toUpperCase(Locale.ROOT),
                    current == null ? "%00" : current.toUpperCase(Locale.ROOT), current == null ? "%00" : current + "%00",
                    current == null ? "%00" : "%00" + current, current == null ? "x" : current.substring(0, current.length() / 2),
                    "00000000-0000-0000-0000-000000000000", "template~session", "t~" + spec.pathSegment(), "~", "a~b~c");
            case TITLE_ID -> pick("0", "-1", "4294967295", "4294967296", Long.toString(TestTitles.TITLE_ID),
                    Long.toString(TestTitles.OTHER_TITLE_ID),
                    "9223372036854775807", "9223372036854775808", "abc", "1e3", "+1", "0x10", "1.0", "%201", Long.toString(spec.titleId()));
            case XUID -> pick(spec.xuid(), "0", "-1", "18446744073709551615", "18446744073709551616", "abc", "2533274800000101%00");
            case NUMBER ->
                pick("0", "1", "3", "5", "6", "-1", "2.5", "abc", "1e1", "99999999999999999999", "%201", "1%00", "Infinity", "NaN");
            case BLOB -> pick(spec.pathSegment(), spec.fileName() + ",binary", spec.fileName() + ",json", spec.fileName() + ",config",
                    "a,BINARY", "a,xml", "a,", ",json", "a,b,json", "a%2Cjson", "..%2Cjson", "a.,json", "a..b,json",
                    "a".repeat(pick(200, 800)) + ",binary", "%00,json", "a%00b,binary", "a%ED%A0%BD,json", "a%FF,json", "a%C3%28,binary");
            case NAME ->
                current == null ? null : pick(current.toUpperCase(Locale.ROOT), current + "s", current + "%00", "", "x", current + "/x");
            case TEXT, LITERAL -> null;
        };
    }

    /** The issue's characters and friends as header value bytes (never CR or LF, which would end the header). */
    public byte[] headerNasty() {
        if (chance(0.4)) {
            return pick(ISSUE_HEADER).clone();
        }
        return switch (random.nextInt(22)) {
            case 0 -> new byte[] {0};
            case 1 -> new byte[] {'a', 0, 'b'};
            case 2 -> new byte[] {(byte) 0xFF};
            case 3 -> new byte[] {'a', (byte) 0xC3, 0x28, 'b'};
            case 4 -> new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD};
            case 5 -> ascii("%00");
            case 6 -> ascii("%ED%A0%BD");
            case 7 -> ascii("%FF");
            case 8 -> ascii("_");
            case 9 -> ascii("%25");
            case 10 -> ascii("\\");
            case 11 -> ascii("..");
            case 12 -> new byte[0];
            case 13 -> ascii(" ");
            case 14 -> ascii("a".repeat(pick(300, 2000, 7000)));
            case 15 -> "é😀中文".getBytes(StandardCharsets.UTF_8);
            case 16 -> ascii("\t");
            case 17 -> new byte[] {0x7F};
            case 18 -> new byte[] {0x01, 0x1B};
            case 19 -> spec.text(30).getBytes(StandardCharsets.UTF_8);
            case 20 -> ascii("\"\"");
            default -> ascii(",,,;;;===");
        };
    }

    /** A JSON value that a field should not take: the issue's characters in strings, wrong types, huge numbers. */
    public Object jsonNasty() {
        if (chance(0.3)) {
            return issueString(pick("", "a", spec.text(10)), random.nextInt(ISSUE_COUNT));
        }
        return switch (random.nextInt(40)) {
            case 0 -> "\u0000";
            case 1 -> "a\u0000b";
            case 2 -> "\ud83d";
            case 3 -> "a\ud83db";
            case 4 -> "\ude00x";
            case 5 -> Raw.of("\"a\u00FFb\"");
            case 6 -> Raw.of("\"a\u00C3(b\"");
            case 7 -> Raw.of("\"\u00ED\u00A0\u00BD\""); // a surrogate encoded as UTF-8: invalid
            case 8 -> "_";
            case 9 -> "%25";
            case 10 -> "\\";
            case 11 -> "..";
            case 12 -> "";
            case 13 -> "a".repeat(pick(300, 5000, 100_000));
            case 14 -> spec.text(200);
            case 15 -> Raw.of("1e999");
            case 16 -> Raw.of("-1e999");
            case 17 -> Raw.of("99999999999999999999999999999999");
            case 18 -> Raw.of("-0");
            case 19 -> -1;
            case 20 -> 0;
            case 21 -> Long.MAX_VALUE;
            case 22 -> Long.MIN_VALUE;
            case 23 -> 1.5;
            case 24 -> Raw.of("NaN");
            case 25 -> Raw.of("0x10");
            case 26 -> Raw.of("01");
            case 27 -> Boolean.TRUE;
            case 28 -> null;
            case 29 -> new ArrayList<>();
            case 30 -> new LinkedHashMap<>();
            case 31 -> new ArrayList<>(List.of(1, "a", new ArrayList<>()));
            case 32 -> new LinkedHashMap<>(Map.of("a", 1));
            case 33 -> Raw.of(deep(pick(50, 1500, 5000)));
            case 34 -> Raw.of("1" + "0".repeat(pick(400, 1500)));
            case 35 -> new BigInteger("18446744073709551616");
            case 36 -> "\u0000".repeat(50);
            case 37 -> "\u202E\uFEFF\u200B";
            case 38 -> Raw.of("'single'");
            default -> Raw.of("\"unterminated");
        };
    }

    /** A random UUID drawn from the seed. */
    public String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A mutable JSON object of the given names and values, in order. */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private String deep(int depth) {
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    // ------------------------------------------------------------------ mutations

    /** Applies one to three mutations to {@code request}; {@code knownParams} are the route's query parameters. */
    public void mutate(FuzzRequest request, List<String> knownParams) {
        int mutations = 1 + (chance(0.6) ? 0 : random.nextInt(3));
        for (int i = 0; i < mutations; i++) {
            int roll = random.nextInt(100);
            boolean jsonRoute = request.bodyKind == BodyKind.JSON;
            if (roll < (jsonRoute ? 20 : 27)) {
                mutatePath(request);
            } else if (roll < (jsonRoute ? 33 : 47)) {
                mutateQuery(request, knownParams);
            } else if (roll < (jsonRoute ? 50 : 70)) {
                mutateHeader(request);
            } else if (roll < (jsonRoute ? 62 : 85)) {
                mutateAuthorization(request);
            } else {
                mutateBody(request);
            }
        }
    }

    public void mutatePath(FuzzRequest request) {
        List<Segment> path = request.path;
        int roll = random.nextInt(100);
        if (roll < 75 || path.size() < 2) {
            List<Integer> variable = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                if (path.get(i).part != Part.LITERAL) {
                    variable.add(i);
                }
            }
            int at = !variable.isEmpty() && chance(0.85) ? pick(variable) : random.nextInt(path.size());
            Segment segment = path.get(at);
            String before = segment.raw;
            segment.raw = segment.part == Part.LITERAL
                    ? pick(before.toUpperCase(Locale.ROOT), before + "%00", before + "%ED%A0%BD", uriNasty(), "")
                    : uriValue(segment.part, before);
            request.notes.add("path[" + at + "] " + shorten(before) + " -> " + shorten(segment.raw));
        } else if (roll < 82) {
            int at = random.nextInt(path.size() + 1);
            Segment extra = new Segment(Part.LITERAL, uriNasty());
            path.add(at, extra);
            request.notes.add("extra segment " + shorten(extra.raw) + " at " + at);
        } else if (roll < 88) {
            int at = random.nextInt(path.size());
            request.notes.add("dropped segment " + shorten(path.remove(at).raw));
        } else if (roll < 94) {
            path.add(new Segment(Part.LITERAL, ""));
            request.notes.add("trailing slash");
        } else {
            int at = random.nextInt(path.size());
            path.get(at).raw += pick(";a=b", ";", "%3B%00");
            request.notes.add("matrix parameter on segment " + at);
        }
    }

    public void mutateQuery(FuzzRequest request, List<String> knownParams) {
        List<Param> query = request.query;
        int roll = random.nextInt(100);
        if (roll < 40 && !knownParams.isEmpty()) {
            String name = pick(knownParams);
            String value = badParamValue();
            query.removeIf(p -> p.name.equals(name));
            query.add(new Param(name, value));
            request.notes.add("query " + name + "=" + shorten(value));
        } else if (roll < 58) {
            String name = pick("skip_items", "title_id", "api-version", "x", "%00", "a%ED%A0%BDb", "%FF", "_", "%25", "", "a".repeat(500),
                    "maxitems", "MAXITEMS", "continuationtoken", "status", "uploadId", "blockNum", "displayName", "select");
            String value = chance(0.2) ? null : uriNasty();
            query.add(new Param(name, value));
            request.notes.add("unknown query " + shorten(name) + "=" + shorten(String.valueOf(value)));
        } else if (roll < 75) {
            String name = !query.isEmpty() && chance(0.6) ? pick(query).name : knownParams.isEmpty() ? "x" : pick(knownParams);
            query.add(new Param(name, badParamValue()));
            query.add(new Param(name, badParamValue()));
            request.notes.add("duplicated query " + name);
        } else if (roll < 83 && !query.isEmpty()) {
            request.notes.add("removed query " + query.remove(random.nextInt(query.size())).name);
        } else if (roll < 92) {
            request.rawQuery = pick("", "&&", "=", "=x", "&=&", "a=1&&b", "%00", "%ED%A0%BD=%FF", "?", "a=b=c", "%", "a=%",
                    "\u00FF=\u00FF");
            request.notes.add("raw query " + shorten(request.rawQuery));
        } else {
            String name = knownParams.isEmpty() ? "x" : pick(knownParams);
            query.add(new Param(name, null));
            request.notes.add("query " + name + " without value");
        }
    }

    /** A bad or borderline value of a known parameter: numbers out of range, the issue's characters, SpecData values. */
    public String badParamValue() {
        return switch (random.nextInt(4)) {
            case 0 -> pick("-1", "0", "1", "100", "101", "1000", "1001", "2147483647", "2147483648", "-2147483649", "99999999999999999999",
                    "abc", "1.5", "", "%201", "0x10", "1e2", "true", "%2B1", "NaN", "１");
            case 1 -> pick("created", "Created", "top", "recent", "rating", "views", "Published", "MagicMoment", "MagicMoment,Achievement",
                    "Default", "all", "saved", "user", "Everyone", "true", "false", "TRUE", "yes", "config", "json",
                    "Thu,%2001%20Jan%201970%2000:00:01%20GMT", "2024-01-01T00:00:00Z", "Fri,%2031%20Dec%209999%2023:59:59%20GMT",
                    "eyJ0IjoxfQ", "*", "%2A", "a.b.c", "1-2");
            case 2 -> FuzzRequest.encodeQuery(unusual());
            default -> uriNasty();
        };
    }

    /** The headers the services read, with their bad forms; unknown and duplicated headers too. */
    public void mutateHeader(FuzzRequest request) {
        String name = pick("x-xbl-contract-version", "X-RequestedServiceVersion", "Range", "If-Match", "If-None-Match", "ETag",
                "Content-MD5",
                "Content-Type", "Accept-Language", "Idempotency-Key", "Accept", "Expect", "Content-Type", "Range", "If-Match",
                "Accept-Language");
        int roll = random.nextInt(100);
        if (roll < 10) {
            request.removeHeader(name);
            request.notes.add("no " + name);
            return;
        }
        if (roll < 20) {
            String unknown = pick("X-Fuzz", "x-xbl-client-name", "MS-CV", "Signature", "X-Forwarded-For", "Forwarded",
                    "X-HTTP-Method-Override",
                    "Cookie", "Origin", "x-xbl-contract-version");
            request.headers.add(new FuzzRequest.Header(unknown, headerNasty()));
            request.notes.add("extra header " + unknown);
            return;
        }
        byte[] value = roll < 55 ? headerNasty() : ascii(headerValue(name, request));
        if (roll < 62) {
            request.headers.add(new FuzzRequest.Header(name, value)); // a second one
            request.notes.add("another " + name + ": " + shorten(FuzzRequest.printable(value, 40)));
        } else {
            request.setHeader(name, value);
            request.notes.add(name + ": " + shorten(FuzzRequest.printable(value, 40)));
        }
        if (name.equals("Expect") && chance(0.5)) {
            request.chunked = request.bodyBytes() != null;
        }
    }

    private String headerValue(String name, FuzzRequest request) {
        return switch (name) {
            case "x-xbl-contract-version", "X-RequestedServiceVersion" ->
                pick("1", "2", "3", "0", "-1", "", " 2 ", "1,2", "01", "2.0", "99999999999999999999");
            case "Range" -> pick("bytes=0-0", "bytes=0-", "bytes=-1", "bytes=-0", "bytes=5-1", "bytes=0-99999999999999999999", "bytes=a-b",
                    "bytes=0-1,3-4", "items=0-1", "bytes=", "bytes", "bytes=--1", "bytes=18446744073709551615-",
                    "bytes=9223372036854775807-",
                    "bytes=1000000-", "bytes= 0 - 1 ", "bytes=0-0,", "Bytes=0-1");
            case "If-Match", "If-None-Match", "ETag" ->
                pick("*", "\"0x8D1C76581F12853\"", "InvalidETagValue", "If-None-Match", "W/\"x\"", "\"\"", "\"",
                        "0x1", "\"0x1\", \"0x2\"", "\"" + "a".repeat(200) + "\"", "*, \"x\"");
            case "Content-MD5" ->
                pick(md5(request.bodyBytes()), "AAAAAAAAAAAAAAAAAAAAAA==", "abc", "", "!!!!", "0123456789abcdef0123456789abcdef",
                        "1B2M2Y8AsgTpgAmY7PhCfg==", "=====");
            case "Content-Type" -> pick("application/json", "application/json; charset=utf-8", "text/plain", "application/octet-stream", "",
                    "garbage", "application/json; charset=latin1", "application/json; charset=utf-16", "multipart/form-data; boundary=",
                    "*/*", ";;;", "application/x-www-form-urlencoded", "image/png", "application/json; charset=\"", "application/xml");
            case "Accept-Language" -> pick("fr-FR", "en-US,fr;q=0.5", "", "*", "zz", "en-US;q=abc", "en-US;q=2", "a".repeat(3000), "en_US",
                    "-", "en-", "x-klingon", "fr-FR, *;q=0", ",,,", "de-DE-1996", "zh-Hant-TW");
            case "Idempotency-Key" -> pick(uuid(), "", "a".repeat(5000), "key-1", "%00", "a b");
            case "Accept" -> pick("application/json", "text/html", "application/xml", "*/*", "", "image/*;q=0", "application/json;q=0");
            case "Expect" -> pick("100-continue", "200-ok", "");
            default -> "x";
        };
    }

    /** Another Authorization: none, a broken or foreign token, another scheme, or one of the test's tokens. */
    public void mutateAuthorization(FuzzRequest request) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            request.removeHeader("Authorization");
            request.notes.add("no Authorization");
            return;
        }
        byte[] value;
        String note;
        if (roll < 55 && !authorizations.isEmpty()) {
            int at = random.nextInt(authorizations.size());
            value = authorizations.get(at);
            note = "Authorization: " + authorizationNames.get(at);
        } else if (roll < 75) {
            value = ascii(pick("XBL3.0 x=-;garbage", "XBL3.0 x=-;", "XBL3.0", "XBL3.0 x=-", "XBL3.0 x=;a.b.c", "Bearer ", "Bearer",
                    "Basic dXNlcjpwYXNz",
                    "Bearer a.b.c", "Bearer ...", "XBL3.0 y=-;a.b.c", "xbl3.0 x=-;a.b.c", "XBL2.0 x=-;a.b.c",
                    "Bearer eyJhbGciOiJub25lIn0.e30.",
                    "Bearer e30.e30.e30", "XBL3.0 x=-;eyJ", "Bearer " + "A".repeat(6000), "XBL3.0 x=" + "-".repeat(3000) + ";a",
                    "Negotiate abc"));
            note = "Authorization " + shorten(new String(value, StandardCharsets.ISO_8859_1));
        } else {
            byte[] own = request.header("Authorization");
            byte[] nasty = headerNasty();
            if (own == null) {
                value = nasty;
            } else {
                // the issue's characters inside a real token: in the hash, the signature or the payload
                ByteArrayOutputStream spliced = new ByteArrayOutputStream();
                int at = random.nextInt(own.length + 1);
                spliced.write(own, 0, at);
                spliced.writeBytes(nasty);
                spliced.write(own, at, own.length - at);
                value = spliced.toByteArray();
            }
            note = "Authorization with " + shorten(FuzzRequest.printable(nasty, 20)) + " inside";
        }
        if (chance(0.1)) {
            request.headers.add(new FuzzRequest.Header("Authorization", value));
            note = "second " + note;
        } else {
            request.setHeader("Authorization", value);
        }
        request.notes.add(note);
    }

    public void mutateBody(FuzzRequest request) {
        if (request.bodyKind == BodyKind.NONE) {
            request.body = chance(0.5) ? json(object("a", jsonNasty())) : randomBytes();
            request.notes.add("unexpected body");
            return;
        }
        if (request.bodyKind == BodyKind.JSON && request.body == null && chance(0.7)) {
            mutateJsonTree(request);
            return;
        }
        byte[] current = request.bodyBytes();
        int roll = random.nextInt(100);
        if (request.bodyKind == BodyKind.BYTES && roll < 40) {
            request.body = randomBytes();
            request.notes.add("body of " + request.body.length + " bytes");
        } else if (roll < 55) {
            request.body = current.length == 0 ? current : Arrays.copyOf(current, random.nextInt(current.length));
            request.notes.add("body truncated to " + request.body.length + " bytes");
        } else if (roll < 62) {
            request.body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, current);
            request.notes.add("BOM before the body");
        } else if (roll < 70) {
            request.body = concat(current, ascii(pick(" x", "}", "]", ",", "\u0000", "{}")));
            request.notes.add("trailing garbage");
        } else if (roll < 80) {
            request.body = current.length == 0 ? new byte[] {(byte) 0xFF} : current.clone();
            int at = random.nextInt(request.body.length);
            request.body[at] = pick((byte) 0xFF, (byte) 0xC3, (byte) 0x00, (byte) 0x80, (byte) '"', (byte) '\\');
            request.notes.add("byte " + at + " of the body replaced");
        } else {
            request.body = ascii(pick("", "null", "[]", "\"text\"", "{", "}", "42", "true", "{\"\":null}", "[{}]"));
            if (chance(0.4)) {
                request.body = ascii(deep(pick(100, 1200, 6000)));
            }
            request.notes.add("body " + FuzzRequest.printable(request.body, 30));
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[pick(0, 1, 7, 100, 1024, 4096, 65_536)];
        random.nextBytes(bytes);
        if (bytes.length > 2 && chance(0.3)) {
            bytes[0] = (byte) 0xC3;
            bytes[1] = 0x28;
        }
        return bytes;
    }

    /** Replaces, removes or adds one value anywhere in the JSON tree, or repeats a key. */
    @SuppressWarnings("unchecked")
    private void mutateJsonTree(FuzzRequest request) {
        List<Object[]> slots = new ArrayList<>(); // {container, key or index}
        List<Map<String, Object>> objects = new ArrayList<>();
        collect(request.json, slots, objects);
        int roll = random.nextInt(100);
        if (roll < 55 && !slots.isEmpty()) {
            Object[] slot = pick(slots);
            Object value = chance(0.15) && slot[1] instanceof String ? uniqueSpecText() : jsonNasty();
            if (slot[0] instanceof Map<?, ?> map) {
                ((Map<String, Object>) map).put((String) slot[1], value);
            } else {
                ((List<Object>) slot[0]).set((Integer) slot[1], value);
            }
            request.notes.add("json " + slot[1] + " = " + shorten(FuzzRequest.printable(json(value), 40)));
        } else if (roll < 72 && !slots.isEmpty()) {
            Object[] slot = pick(slots);
            if (slot[0] instanceof Map<?, ?> map) {
                map.remove(slot[1]);
            } else {
                ((List<Object>) slot[0]).remove((int) (Integer) slot[1]);
            }
            request.notes.add("json without " + slot[1]);
        } else if (roll < 88 && !objects.isEmpty()) {
            String name = pick("unknown", "\u0000", "", "a\ud83d", "__proto__", "userCaption", "UserCaption", "a".repeat(1000), "$ref",
                    "titleId");
            pick(objects).put(name, jsonNasty());
            request.notes.add("json field " + shorten(FuzzRequest.printable(name.getBytes(StandardCharsets.UTF_8), 20)) + " added");
        } else if (!objects.isEmpty() && request.json instanceof Map<?, ?> root && !root.isEmpty()) {
            String key = (String) pick(new ArrayList<>(root.keySet()));
            byte[] whole = json(root);
            byte[] repeat = concat(ascii(",\"" + key + "\":"), json(jsonNasty()));
            request.body = concat(Arrays.copyOf(whole, whole.length - 1), concat(repeat, ascii("}")));
            request.notes.add("json key " + key + " repeated");
        } else {
            request.json = jsonNasty();
            request.notes.add("json body replaced");
        }
    }

    private String uniqueSpecText() {
        return spec.text(60);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Object[]> slots, List<Map<String, Object>> objects) {
        if (node instanceof Map<?, ?> map) {
            objects.add((Map<String, Object>) map);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                slots.add(new Object[] {map, entry.getKey()});
                collect(entry.getValue(), slots, objects);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                slots.add(new Object[] {list, i});
                collect(list.get(i), slots, objects);
            }
        }
    }

    // ------------------------------------------------------------------ the issue's characters

    /** U+0000, a lone surrogate, invalid UTF-8 (0xFF, then 0xC3 0x28): the inputs issue 16 found answered 500 or stored as "?". */
    public static final int ISSUE_COUNT = 4;
    private static final String[] ISSUE_URI = {"%00", "%ED%A0%BD", "%FF", "%C3%28", "a%00b", "a%ED%A0%BDb", "%ED%B8%80", "a%FFb", "%C0%80"};
    private static final byte[][] ISSUE_HEADER = {{0}, {(byte) 0xED, (byte) 0xA0, (byte) 0xBD}, {(byte) 0xFF}, {(byte) 0xC3, 0x28},
            {'a', 0, 'b'}, {'a', (byte) 0xFF, 'b'}};

    /** Issue character {@code which} as it goes in a URI. */
    public static String issueUri(int which) {
        return ISSUE_URI[which];
    }

    /** Issue character {@code which} as header bytes. */
    public static byte[] issueHeader(int which) {
        return ISSUE_HEADER[which].clone();
    }

    /**
     * A JSON string holding {@code text} with issue character {@code which} in its middle: U+0000 or the lone
     * surrogate U+D83D (which {@link #json} writes as escapes), or raw invalid UTF-8 bytes (then a {@link Raw}).
     */
    public static Object issueString(String text, int which) {
        int at = text.length() / 2;
        if (at > 0 && Character.isLowSurrogate(text.charAt(at))) {
            at--;
        }
        String before = text.substring(0, at);
        String after = text.substring(at);
        return switch (which) {
            case 0 -> before + "\u0000" + after;
            case 1 -> before + "\ud83d" + after;
            default -> {
                byte[] quotedBefore = json(before);
                byte[] quotedAfter = json(after);
                byte[] raw = which == 2 ? new byte[] {(byte) 0xFF} : new byte[] {(byte) 0xC3, 0x28};
                yield new Raw(concat(concat(Arrays.copyOf(quotedBefore, quotedBefore.length - 1), raw),
                        Arrays.copyOfRange(quotedAfter, 1, quotedAfter.length)));
            }
        };
    }

    /** The headers a sweep puts the issue's characters in (besides those the request already has). */
    private static final List<String> SWEPT_HEADERS = List.of("Authorization", "x-xbl-contract-version", "Accept-Language", "Content-Type",
            "If-Match", "Range", "Idempotency-Key");

    /**
     * The places of {@code request} a sweep fills with each issue character in turn: every variable path segment, every
     * string in the JSON body, every known query parameter, the headers the services read (in this order).
     */
    public static List<String> sweepSlots(FuzzRequest request, List<String> knownParams) {
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < request.path.size(); i++) {
            if (request.path.get(i).part != Part.LITERAL) {
                slots.add("path " + i);
            }
        }
        if (request.bodyKind == BodyKind.JSON) {
            List<Object[]> strings = new ArrayList<>();
            collectStrings(request.json, strings);
            for (int i = 0; i < strings.size(); i++) {
                slots.add("json " + i);
            }
        }
        knownParams.forEach(p -> slots.add("query " + p));
        SWEPT_HEADERS.forEach(h -> slots.add("header " + h));
        return slots;
    }

    /** Sweep step {@code step}: issue character {@code step % ISSUE_COUNT} in slot {@code step / ISSUE_COUNT}. */
    @SuppressWarnings("unchecked")
    public static void sweep(FuzzRequest request, List<String> knownParams, int step) {
        List<String> slots = sweepSlots(request, knownParams);
        String slot = slots.get(step / ISSUE_COUNT % slots.size());
        int which = step % ISSUE_COUNT;
        String[] kind = slot.split(" ", 2);
        switch (kind[0]) {
            case "path" -> {
                Segment segment = request.path.get(Integer.parseInt(kind[1]));
                int at = segment.raw.length() / 2;
                segment.raw = segment.raw.substring(0, at) + issueUri(which) + segment.raw.substring(at);
            }
            case "query" -> {
                Param param = request.query.stream().filter(p -> p.name.equals(kind[1])).findFirst().orElse(null);
                if (param == null) {
                    request.query.add(new Param(kind[1], "a" + issueUri(which) + "b"));
                } else {
                    String value = param.value == null ? "" : param.value;
                    param.value = value.substring(0, value.length() / 2) + issueUri(which) + value.substring(value.length() / 2);
                }
            }
            case "header" -> {
                byte[] current = request.header(kind[1]);
                byte[] value = current == null ? issueHeader(which)
                        : concat(concat(Arrays.copyOf(current, current.length / 2), issueHeader(which)),
                                Arrays.copyOfRange(current, current.length / 2, current.length));
                request.setHeader(kind[1], value);
            }
            default -> {
                List<Object[]> strings = new ArrayList<>();
                collectStrings(request.json, strings);
                Object[] place = strings.get(Integer.parseInt(kind[1]));
                Object value = issueString(
                        (String) (place[0] instanceof Map<?, ?> map ? map.get(place[1]) : ((List<?>) place[0]).get((Integer) place[1])),
                        which);
                if (place[0] instanceof Map<?, ?> map) {
                    ((Map<String, Object>) map).put((String) place[1], value);
                } else {
                    ((List<Object>) place[0]).set((Integer) place[1], value);
                }
            }
        }
        request.notes.add("sweep: " + new String[] {"U+0000", "lone surrogate", "0xFF", "0xC3 0x28"}[which] + " in " + slot);
    }

    private static void collectStrings(Object node, List<Object[]> strings) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() instanceof String) {
                    strings.add(new Object[] {map, entry.getKey()});
                }
                collectStrings(entry.getValue(), strings);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String) {
                    strings.add(new Object[] {list, i});
                }
                collectStrings(list.get(i), strings);
            }
        }
    }

    // ------------------------------------------------------------------ tokens

    /**
     * Authorization values for one user: valid in each form the services take (XBL3.0 with {@code -}, {@code *} or a
     * hash; Bearer), expired, signed by a foreign key, unsigned, of the wrong issuer, without each claim, with the
     * issue's characters in the claims, for another title or sandbox, and an operator's.
     */
    public static Map<String, String> tokenForms(String xuid, long titleId, String sandbox) {
        Map<String, String> forms = new LinkedHashMap<>();
        String valid = DevTokens.user(xuid, titleId, sandbox).sign();
        forms.put("valid XBL3.0 x=-", "XBL3.0 x=-;" + valid);
        forms.put("valid XBL3.0 x=*", "XBL3.0 x=*;" + valid);
        forms.put("valid XBL3.0 x=<hash>", "XBL3.0 x=1234567890123456789;" + valid);
        forms.put("valid Bearer", "Bearer " + valid);
        forms.put("XBL3.0 with two spaces", "XBL3.0  x=-;" + valid);
        forms.put("XBL3.0 with a space before the token", "XBL3.0 x=-; " + valid);
        forms.put("XBL3.0 with ;extra after the token", "XBL3.0 x=-;" + valid + ";extra");
        forms.put("expired", "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, sandbox).expiresAt(Instant.now().minusSeconds(600)).sign());
        forms.put("foreign signature", "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, sandbox).signWithForeignKey());
        forms.put("alg none", "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, sandbox).unsigned());
        forms.put("wrong issuer", "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, sandbox).issuer("someone-else").sign());
        for (String claim : List.of("xuid", "titleId", "sandboxId", "deviceType", "deviceId")) {
            forms.put("without " + claim, "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, sandbox).without(claim).sign());
        }
        List<Object> values = List.of("\u0000", "a\ud83d", "..", "", "%00", "a".repeat(300), 12, List.of("x"), "-1",
                "99999999999999999999");
        List<String> shown = List.of("U+0000", "a + lone surrogate", "..", "empty", "%00", "300 chars", "the number 12", "[\"x\"]", "-1",
                "2^66");
        for (String claim : List.of("xuid", "titleId", "sandboxId", "deviceType")) {
            for (int i = 0; i < values.size(); i++) {
                forms.put(claim + " claim " + shown.get(i),
                        "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, sandbox).claim(claim, values.get(i)).sign());
            }
        }
        forms.put("user with the operator role",
                "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, sandbox).claim("groups", List.of("operator")).sign());
        forms.put("user of another title", "XBL3.0 x=-;" + DevTokens.user(xuid, TestTitles.OTHER_TITLE_ID, sandbox).sign());
        forms.put("user of another sandbox", "XBL3.0 x=-;" + DevTokens.user(xuid, titleId, "OTHER.1").sign());
        forms.put("another user", "XBL3.0 x=-;" + DevTokens.user("2533274800009999", titleId, sandbox).sign());
        forms.put("operator", "XBL3.0 x=-;" + DevTokens.operator().sign());
        forms.put("operator Bearer", "Bearer " + DevTokens.operator().sign());
        forms.put("operator role misspelt", "XBL3.0 x=-;" + DevTokens.operator().claim("groups", List.of("Operator")).sign());
        return forms;
    }

    // ------------------------------------------------------------------ JSON

    /** {@code tree} as JSON bytes; a lone surrogate is written as its {@code \\uXXXX} escape, {@link Raw} verbatim. */
    public static byte[] json(Object tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(tree, out);
        return out.toByteArray();
    }

    private static void write(Object node, ByteArrayOutputStream out) {
        if (node == null) {
            out.writeBytes(ascii("null"));
        } else if (node instanceof Raw raw) {
            out.writeBytes(raw.bytes());
        } else if (node instanceof String text) {
            writeString(text, out);
        } else if (node instanceof Number || node instanceof Boolean) {
            out.writeBytes(ascii(node.toString()));
        } else if (node instanceof Map<?, ?> map) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeString(String.valueOf(entry.getKey()), out);
                out.write(':');
                write(entry.getValue(), out);
            }
            out.write('}');
        } else if (node instanceof List<?> list) {
            out.write('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(list.get(i), out);
            }
            out.write(']');
        } else {
            writeString(node.toString(), out);
        }
    }

    private static void writeString(String text, ByteArrayOutputStream out) {
        out.write('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                out.writeBytes(ascii(String.format("\\u%04x", (int) c)));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.writeBytes(ascii(String.format("\\u%04x", (int) c)));
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write('"');
    }

    // ------------------------------------------------------------------ helpers

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String shorten(String text) {
        return text.length() <= 48 ? text : text.substring(0, 40) + "…(" + text.length() + ")";
    }
}
