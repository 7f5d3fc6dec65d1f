package io.savepoint.transfer.download;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range a download asks for (RFC 9110 §14: {@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}).
 * A header that is malformed, names several ranges or another unit is ignored (the whole asset is served, as HTTP
 * allows); a range that lies wholly past the end is {@link Unsatisfiable} (416).
 */
public record ByteRange(long first, long last) {

    private static final Pattern SPEC = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** A range header no byte of the asset satisfies. */
    public static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /** The range to serve of an asset of {@code size} bytes; empty means the whole asset. */
    public static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SPEC.matcher(header.strip().toLowerCase(Locale.ROOT).replace(" ", ""));
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (last < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    public long length() {
        return last - first + 1;
    }

    /** The Content-Range value of this range of an asset of {@code size} bytes. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }
}
