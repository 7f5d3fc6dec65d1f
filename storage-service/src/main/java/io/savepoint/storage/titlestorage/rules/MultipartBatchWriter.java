package io.savepoint.storage.titlestorage.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes the body of a batch download response (spec B.6; {@code docs-examples/titlestorage_batch_response.http.txt}),
 * served as {@code multipart/form-data; boundary=<guid>}. One part per XUID, successes and failures mixed:
 * <pre>
 * --boundary
 * Content-Disposition: binary; name="&lt;xuid&gt;"; filename="&lt;xuid&gt;"
 * HttpStatusCode: &lt;code&gt;
 * [ETag: &lt;etag&gt;]
 * [Content-Type: &lt;type&gt;]
 *
 * &lt;body bytes&gt;
 * </pre>
 * closed by {@code --boundary--}. Every line ends with CRLF, as multipart requires. Bodies are copied as streams,
 * never buffered whole. The writer neither flushes per part nor closes the streams it is given (the caller owns them);
 * {@link #finish()} flushes.
 */
public final class MultipartBatchWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final String boundary;
    private boolean finished;

    public MultipartBatchWriter(OutputStream out, String boundary) {
        this.out = Objects.requireNonNull(out, "out");
        requireHeaderSafe("boundary", boundary);
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("A multipart boundary must have 1 to 70 characters: '" + boundary + "'");
        }
        this.boundary = boundary;
    }

    /** A fresh boundary, a random UUID as in the B.6 sample ({@code c0a9fd75-d036-4294-8b7b-85fea15a31bb}). */
    public static String newBoundary() {
        return UUID.randomUUID().toString();
    }

    /** The boundary this writer uses, for the {@code Content-Type} response header. */
    public String boundary() {
        return boundary;
    }

    /**
     * Writes one part. {@code etagOrNull} is written as given (the B.6 sample sends it unquoted); a null ETag or
     * content type leaves the header out, a null body writes an empty one (a failed part, e.g. 404).
     */
    public void part(String xuid, int httpStatusCode, String etagOrNull, String contentTypeOrNull, InputStream bodyOrNull)
            throws IOException {
        streamPart(xuid, httpStatusCode, etagOrNull, contentTypeOrNull, bodyOrNull == null ? null : out -> bodyOrNull.transferTo(out));
    }

    /** Writes the body of a part straight to the response. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes one part whose body {@code bodyOrNull} writes itself, so large bodies stream. */
    public void streamPart(String xuid, int httpStatusCode, String etagOrNull, String contentTypeOrNull, BodyWriter bodyOrNull)
            throws IOException {
        if (finished) {
            throw new IllegalStateException("The multipart body is already finished");
        }
        requireHeaderSafe("xuid", xuid);
        if (xuid.indexOf('"') >= 0) {
            throw new IllegalArgumentException("A part name must not contain '\"': " + xuid);
        }
        StringBuilder headers = new StringBuilder(160)
                .append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: binary; name=\"").append(xuid).append("\"; filename=\"").append(xuid).append("\"\r\n")
                .append("HttpStatusCode: ").append(httpStatusCode).append("\r\n");
        if (etagOrNull != null) {
            requireHeaderSafe("ETag", etagOrNull);
            headers.append("ETag: ").append(etagOrNull).append("\r\n");
        }
        if (contentTypeOrNull != null) {
            requireHeaderSafe("Content-Type", contentTypeOrNull);
            headers.append("Content-Type: ").append(contentTypeOrNull).append("\r\n");
        }
        headers.append("\r\n");
        out.write(headers.toString().getBytes(StandardCharsets.UTF_8));
        if (bodyOrNull != null) {
            bodyOrNull.writeTo(out);
        }
        out.write(CRLF);
    }

    /** Writes the closing {@code --boundary--} line and flushes. Further parts are refused. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void requireHeaderSafe(String what, String value) {
        Objects.requireNonNull(value, what);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " must not contain line breaks: " + Values.q(value));
            }
        }
    }
}
