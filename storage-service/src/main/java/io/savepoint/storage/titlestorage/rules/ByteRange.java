package io.savepoint.storage.titlestorage.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a binary download (spec B.3 {@code Range} / {@code Content-Range}; CLIENTS.md §4
 * "Download"). XSAPI downloads binary blobs in {@code Range: bytes=s-e} blocks and must get exactly the requested bytes
 * back, so Range is honoured; a malformed or multi-range header is ignored (the whole body is served, as HTTP allows).
 * A range starting at or past the end is answered with {@link #pastEnd(long)} — 206 with an empty body and
 * {@code Content-Range: bytes *}{@code /size} — instead of 416, because XSAPI treats every non-2xx as a failure when
 * its last block request lands exactly at the end of a blob.
 */
public record ByteRange(long start, long endInclusive) {

    private static final Pattern SINGLE = Pattern.compile("^bytes\\s*=\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})$");

    public ByteRange {
        if (start < 0 || endInclusive < start - 1) {
            throw new IllegalArgumentException("Invalid byte range " + start + "-" + endInclusive);
        }
    }

    /**
     * The PAST_END value for a blob of {@code size} bytes: {@code start = size}, {@code endInclusive = size - 1},
     * {@link #isEmpty()} true.
     */
    public static ByteRange pastEnd(long size) {
        return new ByteRange(size, size - 1);
    }

    /**
     * Parses {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} against a blob of {@code size} bytes. Empty means
     * "serve the whole body": no header, a malformed one, a multi-range one, or {@code a > b}. The end is clamped to
     * {@code size - 1}; a start at or past the end (and {@code bytes=-0}, or any suffix of an empty blob) gives
     * {@link #pastEnd(long)}.
     */
    public static Optional<ByteRange> parse(String rangeHeader, long size) {
        if (rangeHeader == null || rangeHeader.isBlank()) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(rangeHeader.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty(); // malformed, other unit, or several ranges
        }
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty() && last.isEmpty()) {
            return Optional.empty();
        }
        if (first.isEmpty()) {
            long suffix = Long.parseLong(last);
            if (suffix == 0 || size == 0) {
                return Optional.of(pastEnd(size));
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long start = Long.parseLong(first);
        long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
        if (end < start) {
            return Optional.empty();
        }
        if (start >= size) {
            return Optional.of(pastEnd(size));
        }
        return Optional.of(new ByteRange(start, Math.min(end, size - 1)));
    }

    /** Whether this is the empty PAST_END range. */
    public boolean isEmpty() {
        return endInclusive < start;
    }

    /** Number of bytes to send (0 for PAST_END). */
    public long length() {
        return isEmpty() ? 0 : endInclusive - start + 1;
    }

    /** {@code bytes a-b/size}, or {@code bytes *}{@code /size} for PAST_END. */
    public String contentRange(long size) {
        return isEmpty() ? "bytes */" + size : "bytes " + start + "-" + endInclusive + "/" + size;
    }
}
