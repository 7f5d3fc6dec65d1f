package io.savepoint.storage.titlestorage.rules;

import java.util.Objects;

import io.savepoint.protocol.ApiException;

/**
 * A validated blob address: the full {@code /}-separated path from the storage's data root (e.g. {@code saves/slot_1.dat})
 * plus its {@link BlobType}. Enforces the {@code pathAndFileName} rules of spec B.7:
 * <ul>
 *   <li>path portion (up to and including the last {@code /}): {@code A-Z a-z 0-9 _ /}, no empty segment, no leading {@code /};</li>
 *   <li>file name portion (after the last {@code /}): {@code A-Z a-z 0-9 _ . -}, not empty, not ending with {@code .},
 *       not containing {@code ..};</li>
 *   <li>at most {@value #MAX_PATH_LENGTH} characters (XSAPI's blob path buffer; the type suffix is not counted).</li>
 * </ul>
 * {@code \} is accepted as a separator and normalized to {@code /}: TitleBlob samples, XSAPI doc comments and the
 * GlobalStorage tool use it (B.7 "path separator" contradiction); we store and emit {@code /}.
 */
public record BlobName(String path, BlobType type) {

    /** Longest accepted blob path, in characters (B.2, B.7). */
    public static final int MAX_PATH_LENGTH = 256;

    /** Normalizes {@code \} to {@code /} and validates; any broken rule is a 400 naming the rule and the value. */
    public BlobName {
        Objects.requireNonNull(type, "type");
        path = validatePath(path == null ? null : path.replace('\\', '/'));
    }

    /**
     * Parses the URI part after {@code /data/}, e.g. {@code foo/bar/blob.txt,binary}. The type is what follows the last
     * comma (the path alphabet has no comma, so first and last comma agree on every valid name).
     */
    public static BlobName parse(String pathAndFileNameAndType) {
        int comma = pathAndFileNameAndType == null ? -1 : pathAndFileNameAndType.lastIndexOf(',');
        if (comma < 0) {
            throw ApiException.badRequest("Blob name " + Values.q(pathAndFileNameAndType)
                    + " must end with ,binary, ,json or ,config");
        }
        String typeText = pathAndFileNameAndType.substring(comma + 1);
        BlobType type = BlobType.find(typeText);
        if (type == null) {
            throw ApiException.badRequest("Blob type " + Values.q(typeText) + " in " + Values.q(pathAndFileNameAndType)
                    + " is not one of binary, json or config");
        }
        return new BlobName(pathAndFileNameAndType.substring(0, comma), type);
    }

    /**
     * Validates the {@code path} of the list endpoint (B.2): {@code null} or empty means everything; otherwise
     * {@code A-Z a-z 0-9 _ . - /} ({@code \} normalized to {@code /}), at most {@value #MAX_PATH_LENGTH} characters. B.2
     * allows only the folder alphabet, but any prefix of a stored name must list it, so a prefix may end inside a file
     * name ({@code saves/slot_1.j}) or be a whole one. Leading
     * slashes are dropped. The result is a plain string prefix, the way Azure blob listing and Title Storage treat it:
     * {@code foo} matches {@code foo/x} and also {@code foobar}; {@code foo/} matches only what is under the folder
     * (see {@link #isUnder(String)}). Listing is recursive.
     */
    public static String parsePrefix(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        String normalized = path.replace('\\', '/');
        int start = 0;
        while (start < normalized.length() && normalized.charAt(start) == '/') {
            start++;
        }
        normalized = normalized.substring(start);
        if (normalized.length() > MAX_PATH_LENGTH) {
            throw ApiException.badRequest("List path " + Values.q(path) + " is " + normalized.length()
                    + " characters long; the limit is " + MAX_PATH_LENGTH);
        }
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (!isPathChar(c) && !isFileChar(c)) {
                throw ApiException.badRequest("List path " + Values.q(path) + " contains " + Values.q(String.valueOf(c))
                        + "; only A-Z a-z 0-9 _ . - / are allowed");
            }
        }
        return normalized;
    }

    /** The {@code TitleBlob.fileName} form, {@code path,type} (C.15), which XSAPI splits back at the comma. */
    public String fileName() {
        return path + "," + type.suffix();
    }

    /** Whether a listing of {@code prefix} (as returned by {@link #parsePrefix(String)}) includes this blob. */
    public boolean isUnder(String prefix) {
        return prefix == null || path.startsWith(prefix);
    }

    @Override
    public String toString() {
        return fileName();
    }

    private static String validatePath(String path) {
        if (path == null || path.isEmpty()) {
            throw ApiException.badRequest("Blob path " + Values.q(path) + " must not be empty: a file name is required");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw ApiException.badRequest("Blob path " + Values.q(path) + " is " + path.length()
                    + " characters long; the limit is " + MAX_PATH_LENGTH);
        }
        if (path.charAt(0) == '/') {
            throw ApiException.badRequest("Blob path " + Values.q(path) + " must not start with '/'");
        }
        int lastSlash = path.lastIndexOf('/');
        for (int i = 0; i < lastSlash; i++) {
            char c = path.charAt(i);
            if (!isPathChar(c)) {
                throw ApiException.badRequest("Blob path " + Values.q(path) + " contains " + Values.q(String.valueOf(c))
                        + " in its folder part; only A-Z a-z 0-9 _ / are allowed there");
            }
            if (c == '/' && path.charAt(i + 1) == '/') {
                throw ApiException.badRequest("Blob path " + Values.q(path) + " must not contain an empty segment ('//')");
            }
        }
        String file = path.substring(lastSlash + 1);
        if (file.isEmpty()) {
            throw ApiException.badRequest("Blob path " + Values.q(path) + " has an empty file name; it must not end with '/'");
        }
        for (int i = 0; i < file.length(); i++) {
            char c = file.charAt(i);
            if (!isFileChar(c)) {
                throw ApiException.badRequest("File name " + Values.q(file) + " contains " + Values.q(String.valueOf(c))
                        + "; only A-Z a-z 0-9 _ . - are allowed");
            }
        }
        if (file.contains("..")) {
            throw ApiException.badRequest("File name " + Values.q(file) + " must not contain '..'");
        }
        if (file.endsWith(".")) {
            throw ApiException.badRequest("File name " + Values.q(file) + " must not end with '.'");
        }
        return path;
    }

    private static boolean isAlnumUnderscore(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isPathChar(char c) {
        return isAlnumUnderscore(c) || c == '/';
    }

    private static boolean isFileChar(char c) {
        return isAlnumUnderscore(c) || c == '.' || c == '-';
    }
}
