package io.savepoint.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range a download serves (RFC 9110 §14: {@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}), for
 * clip downloads and Title Storage alike. A header that is malformed, names several ranges or another unit is
 * ignored: the whole body is served, as HTTP allows. {@code If-Range} (RFC 9110 §13.1.5) is honoured: a Range whose
 * If-Range does not name the current ETag (strongly) is ignored too, so a client resuming a download of a blob that
 * changed gets the new one whole.
 *
 * <p>What a range starting at or past the end gets differs by API, so it is a {@link PastEnd} parameter.
 */
public record ByteRange(long start, long endInclusive) {

    private static final Pattern SINGLE = Pattern.compile("^bytes\\s*=\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})$");

    /** The answer to a range that starts at or past the end of the body (and to {@code bytes=-0}). */
    public enum PastEnd {
        /** 416 with {@code Content-Range: bytes *}{@code /size}, as RFC 9110 §15.5.17 says: clip downloads. */
        UNSATISFIABLE,
        /**
         * 206 with an empty body and {@code Content-Range: bytes *}{@code /size}: Title Storage, because XSAPI downloads
         * a binary blob in fixed-size blocks and treats any non-2xx as a failure when its last request lands exactly at
         * the end of the blob (CLIENTS.md §4 "Download").
         */
        EMPTY
    }

    public ByteRange {
        if (start < 0 || endInclusive < start - 1) {
            throw new IllegalArgumentException("Invalid byte range " + start + "-" + endInclusive);
        }
    }

    /**
     * The range to serve of a body of {@code size} bytes whose ETag header is {@code etag} (quoted, as sent); empty
     * means the whole body. A range at or past the end follows {@code pastEnd}.
     *
     * @throws RangeNotSatisfiableException for a range past the end under {@link PastEnd#UNSATISFIABLE}
     */
    public static Optional<ByteRange> select(String range, String ifRange, String etag, long size, PastEnd pastEnd) {
        if (ifRange != null && !ifRange.isBlank() && !ifRange.strip().equals(etag)) {
            return Optional.empty(); // a weak tag, a date, or another version: the whole body
        }
        return parse(range, size, pastEnd);
    }

    /** {@link #select} without an If-Range header. */
    public static Optional<ByteRange> parse(String range, long size, PastEnd pastEnd) {
        if (range == null || range.isBlank()) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(range.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty(); // malformed, another unit, or several ranges
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                return pastTheEnd(range, size, pastEnd);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (last < first) {
            return Optional.empty();
        }
        if (first >= size) {
            return pastTheEnd(range, size, pastEnd);
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    private static Optional<ByteRange> pastTheEnd(String range, long size, PastEnd pastEnd) {
        return switch (pastEnd) {
            case UNSATISFIABLE -> throw new RangeNotSatisfiableException(range, size);
            case EMPTY -> Optional.of(new ByteRange(size, size - 1));
        };
    }

    /** Whether this is the empty range past the end ({@link PastEnd#EMPTY}). */
    public boolean isEmpty() {
        return endInclusive < start;
    }

    /** Number of bytes to send (0 for the empty range). */
    public long length() {
        return isEmpty() ? 0 : endInclusive - start + 1;
    }

    /** The Content-Range value for a body of {@code size} bytes: {@code bytes a-b/size}, or {@code bytes *}{@code /size}. */
    public String contentRange(long size) {
        return isEmpty() ? "bytes */" + size : "bytes " + start + "-" + endInclusive + "/" + size;
    }
}
