package io.savepoint.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP request as a fuzzer builds and mutates it: path segments, query parameters and headers kept apart (each
 * knowing what it holds) until {@link #bytes} writes them, byte for byte, as HTTP/1.1. Segments and parameters are
 * stored as they go on the wire (percent-encoded; a char above 0x7F stands for that raw byte), header values as bytes.
 */
public final class FuzzRequest {

    /** What a path segment or parameter holds, so that a mutation can draw values that mean something there. */
    public enum Part {
        LITERAL, OWNER, SCID, CLIP_ID, TITLE_ID, XUID, BLOB, NAME, NUMBER, SESSION, TEXT
    }

    /** How the body is made: none, a JSON tree (mutated as a tree, then as bytes) or opaque bytes. */
    public enum BodyKind {
        NONE, JSON, BYTES
    }

    public static final class Segment {
        public final Part part;
        public String raw;

        Segment(Part part, String raw) {
            this.part = part;
            this.raw = raw;
        }
    }

    /** A query parameter as sent; a null value is sent without {@code =}. */
    public static final class Param {
        public String name;
        public String value;

        Param(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    public record Header(String name, byte[] value) {
    }

    public String method;
    public final List<Segment> path = new ArrayList<>();
    public final List<Param> query = new ArrayList<>();
    public final List<Header> headers = new ArrayList<>();
    /** A JSON tree of Map, List, String, Number, Boolean, null and {@link Fuzz.Raw}; written when {@link #body} is null. */
    public Object json;
    public BodyKind bodyKind = BodyKind.NONE;
    /** Bytes of the body; null while it is {@link #json} (or there is none). */
    public byte[] body;
    /** Send the body as HTTP chunks rather than with a Content-Length. */
    public boolean chunked;
    /** A query string written as is, replacing {@link #query} (for shapes no list of parameters has, e.g. {@code ?&&=}). */
    public String rawQuery;
    /** What the mutations changed, for the failure report. */
    public final List<String> notes = new ArrayList<>();

    private FuzzRequest(String method) {
        this.method = method;
    }

    public static FuzzRequest of(String method) {
        return new FuzzRequest(method);
    }

    /** Fixed path segments ({@code "users"}, {@code "scids"}). */
    public FuzzRequest literal(String... segments) {
        for (String segment : segments) {
            path.add(new Segment(Part.LITERAL, segment));
        }
        return this;
    }

    /** A variable segment, percent-encoded from {@code value}. */
    public FuzzRequest segment(Part part, String value) {
        path.add(new Segment(part, encodePath(value)));
        return this;
    }

    /** A blob path: each {@code /}-separated piece a {@link Part#BLOB} segment. */
    public FuzzRequest blobPath(String value) {
        for (String piece : value.split("/", -1)) {
            path.add(new Segment(Part.BLOB, encodePath(piece)));
        }
        return this;
    }

    public FuzzRequest query(String name, String value) {
        query.add(new Param(encodeQuery(name), value == null ? null : encodeQuery(value)));
        return this;
    }

    /** A query parameter whose value is already as it goes on the wire (e.g. XSAPI's {@code Thu,%2001%20Jan…}). */
    public FuzzRequest queryRaw(String name, String value) {
        query.add(new Param(encodeQuery(name), value));
        return this;
    }

    public FuzzRequest header(String name, String value) {
        headers.add(new Header(name, value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public FuzzRequest json(Object tree) {
        json = tree;
        bodyKind = BodyKind.JSON;
        return this;
    }

    public FuzzRequest body(byte[] bytes) {
        body = bytes;
        bodyKind = BodyKind.BYTES;
        return this;
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }

    public byte[] header(String name) {
        for (Header header : headers) {
            if (header.name.equalsIgnoreCase(name)) {
                return header.value;
            }
        }
        return null;
    }

    public void removeHeader(String name) {
        headers.removeIf(h -> h.name.equalsIgnoreCase(name));
    }

    public void setHeader(String name, byte[] value) {
        removeHeader(name);
        headers.add(new Header(name, value));
    }

    /** The body as sent (the JSON tree written, or the bytes), or null without one. */
    public byte[] bodyBytes() {
        if (body != null) {
            return body;
        }
        return json == null && bodyKind != BodyKind.JSON ? null : Fuzz.json(json);
    }

    /** The request target: path and query as they go on the wire. */
    public String target() {
        StringBuilder target = new StringBuilder();
        for (Segment segment : path) {
            target.append('/').append(segment.raw);
        }
        if (target.isEmpty()) {
            target.append('/');
        }
        if (rawQuery != null) {
            target.append('?').append(rawQuery);
        } else if (!query.isEmpty()) {
            target.append('?');
            for (int i = 0; i < query.size(); i++) {
                Param param = query.get(i);
                target.append(i == 0 ? "" : "&").append(param.name);
                if (param.value != null) {
                    target.append('=').append(param.value);
                }
            }
        }
        return target.toString();
    }

    /** The whole request as HTTP/1.1 bytes, with a Host header naming {@code authority}. */
    public byte[] bytes(String authority) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " " + target() + " HTTP/1.1\r\nHost: " + authority + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (Header header : headers) {
            out.writeBytes(header.name.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(": ".getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(header.value);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] content = bodyBytes();
        if (content != null && chunked) {
            out.writeBytes("Transfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int chunk = Math.max(1, content.length / 3 + 1);
            for (int from = 0; from < content.length; from += chunk) {
                int n = Math.min(chunk, content.length - from);
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(content, from, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else if (content != null || "PUT".equals(method) || "POST".equals(method)) {
            byte[] bytes = content == null ? new byte[0] : content;
            out.writeBytes(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(bytes);
        } else {
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** A readable, bounded account of the request: bytes outside printable ASCII as {@code \xNN}, long values cut. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(method).append(' ').append(printable(target().getBytes(StandardCharsets.ISO_8859_1), 400));
        for (Header header : headers) {
            text.append(" | ").append(header.name).append(": ").append(printable(header.value, 80));
        }
        byte[] content = bodyBytes();
        if (content != null) {
            text.append(" | body").append(chunked ? " (chunked)" : "").append(": ").append(printable(content, 300));
        }
        if (!notes.isEmpty()) {
            text.append(" | mutated: ").append(String.join("; ", notes));
        }
        return text.toString();
    }

    static String printable(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bytes.length && i < max; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                text.append((char) b);
            } else if (b == '\\') {
                text.append("\\\\");
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        if (bytes.length > max) {
            text.append("…(").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }

    private static final String PATH_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~()!*',:@$";
    private static final String QUERY_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~()!*',:@$/";

    /** Percent-encodes the UTF-8 bytes of {@code value} as a path segment (what a careful client sends). */
    public static String encodePath(String value) {
        return encode(value, PATH_SAFE);
    }

    /** Percent-encodes the UTF-8 bytes of {@code value} as a query name or value. */
    public static String encodeQuery(String value) {
        return encode(value, QUERY_SAFE);
    }

    private static String encode(String value, String safe) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && safe.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append(String.format("%%%02X", c));
            }
        }
        return encoded.toString();
    }
}
