package io.savepoint.storage.titlestorage.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.ErrorCode;

/**
 * Blob ETags and the {@code If-Match} / {@code If-None-Match} conditions (spec B.9, CLIENTS.md §4).
 * <p>
 * ETags look like Azure blob ETags ({@code 0x8CEB3E4F8F3A5BF}: {@code 0x} + 15 upper-case hex digits). They are compared
 * with quotes and a {@code W/} prefix stripped, and sent quoted in headers; quoted they are 19 bytes, well within the 53
 * bytes XSAPI copies without a bounds check. Standard HTTP semantics are applied with no client special case: XSAPI's
 * "no condition" request ({@code ETag: InvalidETagValue} + {@code If-None-Match: InvalidETagValue}) and its buggy literal
 * value {@code If-None-Match} are ordinary tags that never equal a real ETag. The request-side {@code ETag} header XSAPI
 * sends is not a condition and is ignored.
 */
public final class ETags {

    /** Wildcard of {@code If-Match: *} and {@code If-None-Match: *}. */
    public static final String ANY = "*";

    private ETags() {
    }

    /** A fresh ETag, {@code 0x} followed by 15 upper-case hex digits (60 random bits), e.g. {@code 0x8D1C76581F12853}. */
    public static String newEtag() {
        // Uniqueness, not secrecy: a guessed ETag grants nothing. ThreadLocalRandom is seeded at run time, so it is also
        // safe in a native image, where a static Random would be frozen into the image heap with its build-time seed.
        long bits = ThreadLocalRandom.current().nextLong() >>> 4;
        return "0x" + String.format(Locale.ROOT, "%015X", bits);
    }

    /** {@code "etag"} as sent in an {@code ETag} header; an already quoted value is returned as is. */
    public static String quoted(String etag) {
        if (etag == null) {
            return null;
        }
        if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag;
        }
        return '"' + etag + '"';
    }

    /** The bare tag: surrounding whitespace, a {@code W/} prefix and surrounding quotes removed; null stays null. */
    public static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        String s = etag.trim();
        if (s.startsWith("W/") || s.startsWith("w/")) {
            s = s.substring(2).trim();
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Result of evaluating the conditions of a GET. */
    public enum Outcome {
        /** Serve the blob. */
        PROCEED,
        /** {@code If-None-Match} matched: answer 304 Not Modified with the ETag and no body. */
        NOT_MODIFIED
    }

    /**
     * The conditional headers of one request, as lists of bare tags ({@code *} kept as {@link #ANY}); an empty list
     * means the header was absent or blank.
     */
    public record Conditions(List<String> ifMatch, List<String> ifNoneMatch) {

        public Conditions {
            ifMatch = ifMatch == null ? List.of() : List.copyOf(ifMatch);
            ifNoneMatch = ifNoneMatch == null ? List.of() : List.copyOf(ifNoneMatch);
        }

        /** No condition at all. */
        public static Conditions none() {
            return new Conditions(List.of(), List.of());
        }

        /**
         * Parses the raw header values: comma-separated entity tags, quoted or not, optionally {@code W/}-prefixed
         * (a comma inside quotes does not split). Null or blank gives an empty list.
         */
        public static Conditions parse(String ifMatchHeader, String ifNoneMatchHeader) {
            return new Conditions(parseList(ifMatchHeader), parseList(ifNoneMatchHeader));
        }

        /** Whether neither header was given. */
        public boolean isEmpty() {
            return ifMatch.isEmpty() && ifNoneMatch.isEmpty();
        }

        /**
         * For PUT and DELETE (and the write half of any request): throws 412 if {@code If-Match} is present and the blob
         * does not exist or none of its tags (nor {@code *}) equals the current ETag, or if {@code If-None-Match} is present
         * and the blob exists and {@code *} or one of its tags equals the current ETag.
         *
         * @param currentEtagOrNull the blob's ETag (quoted or not), or {@code null} if there is no blob
         */
        public void checkWrite(String currentEtagOrNull) {
            String current = unquote(currentEtagOrNull);
            checkIfMatch(current);
            if (current != null && matches(ifNoneMatch, current)) {
                throw failed("If-None-Match " + describe(ifNoneMatch) + " matches the current ETag " + quoted(current));
            }
        }

        /**
         * For GET: a failing {@code If-Match} throws 412 (as in {@link #checkWrite(String)}); a matching
         * {@code If-None-Match} gives {@link Outcome#NOT_MODIFIED}; otherwise {@link Outcome#PROCEED}. With no blob
         * ({@code null}) and no {@code If-Match} the result is {@code PROCEED}, and the caller answers 404.
         */
        public Outcome checkRead(String currentEtag) {
            String current = unquote(currentEtag);
            checkIfMatch(current);
            if (current != null && matches(ifNoneMatch, current)) {
                return Outcome.NOT_MODIFIED;
            }
            return Outcome.PROCEED;
        }

        private void checkIfMatch(String current) {
            if (ifMatch.isEmpty()) {
                return;
            }
            if (current == null) {
                throw failed("If-Match " + describe(ifMatch) + " failed: the blob does not exist");
            }
            if (!matches(ifMatch, current)) {
                throw failed("If-Match " + describe(ifMatch) + " does not match the current ETag " + quoted(current));
            }
        }

        private static boolean matches(List<String> tags, String current) {
            for (String tag : tags) {
                if (tag.equals(ANY) || tag.equals(current)) {
                    return true;
                }
            }
            return false;
        }

        private static String describe(List<String> tags) {
            List<String> shown = new ArrayList<>(tags.size());
            for (String tag : tags) {
                shown.add(tag.equals(ANY) ? ANY : quoted(tag));
            }
            return Values.q(String.join(", ", shown));
        }

        private static ApiException failed(String message) {
            return new ApiException(412, ErrorCode.PRECONDITION_FAILED, message);
        }

        private static List<String> parseList(String header) {
            if (header == null || header.isBlank()) {
                return List.of();
            }
            List<String> tags = new ArrayList<>();
            int i = 0;
            int n = header.length();
            while (i < n) {
                char c = header.charAt(i);
                if (c == ',' || Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                if ((c == 'W' || c == 'w') && i + 1 < n && header.charAt(i + 1) == '/') {
                    i += 2;
                    while (i < n && Character.isWhitespace(header.charAt(i))) {
                        i++;
                    }
                    if (i >= n) {
                        break;
                    }
                    c = header.charAt(i);
                }
                if (c == '"') {
                    int close = header.indexOf('"', i + 1);
                    int end = close < 0 ? n : close;
                    tags.add(header.substring(i + 1, end));
                    i = close < 0 ? n : close + 1;
                    // anything up to the next comma after a closing quote is junk; skip it
                    while (i < n && header.charAt(i) != ',') {
                        i++;
                    }
                } else {
                    int comma = header.indexOf(',', i);
                    int end = comma < 0 ? n : comma;
                    String tag = header.substring(i, end).trim();
                    if (!tag.isEmpty()) {
                        tags.add(tag);
                    }
                    i = end;
                }
            }
            return tags;
        }
    }
}
