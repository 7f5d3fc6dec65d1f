package io.savepoint.testing;

import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Names, paths and texts drawn from the whole space the spec allows, from a fixed seed, so that a test meets what real
 * clients send (save paths full of {@code _}, file names with {@code .} and {@code -}, mixed case, emoji captions)
 * instead of one tidy literal. A failure prints the seed; the same seed draws the same values again.
 */
public final class SpecData {

    /** Spec B.7: the path portion of {@code pathAndFileName} (and the list {@code path}), separators aside. */
    public static final String PATH_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
    /** Spec B.7: the file name portion. */
    public static final String FILE_NAME_ALPHABET = PATH_ALPHABET + ".-";
    /** The title registry's sandbox ids. */
    public static final String SANDBOX_ALPHABET = PATH_ALPHABET + ".-";

    /** Valid text beyond ASCII: accents, CJK, right-to-left, emoji (surrogate pairs), a combining mark, spaces. */
    private static final String[] TEXT_PIECES = {"a", "Z", "9", " ", "é", "ß", "Ω", "中文", "日本語", "עברית", "عربى", "😀",
            "🎮", "👍🏽", "e\u0301", "\t", "'", "\"", "<b>", "&amp;", "%20", "\\", "/", "_", "%", "~", "Ünïcödé"};

    private final long seed;
    private final Random random;

    public SpecData(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public long seed() {
        return seed;
    }

    public Random random() {
        return random;
    }

    /** One folder name of a save path; more often than not with an {@code _}, as real ones ({@code save_slot_1}) are. */
    public String pathSegment() {
        String segment = word(PATH_ALPHABET, 1 + random.nextInt(12));
        if (random.nextBoolean()) {
            int at = random.nextInt(segment.length() + 1);
            segment = segment.substring(0, at) + "_" + segment.substring(at);
        }
        return segment;
    }

    /** A folder path without leading or trailing {@code /}, of 1 to {@code maxDepth} segments. */
    public String directory(int maxDepth) {
        StringBuilder path = new StringBuilder(pathSegment());
        for (int depth = 1 + random.nextInt(maxDepth); depth > 1; depth--) {
            path.append('/').append(pathSegment());
        }
        return path.toString();
    }

    /** A file name (spec B.7): the file alphabet, not ending with {@code .}, never {@code ..}. */
    public String fileName() {
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(16);
        while (name.length() < length) {
            char c = FILE_NAME_ALPHABET.charAt(random.nextInt(FILE_NAME_ALPHABET.length()));
            boolean afterDot = name.length() > 0 && name.charAt(name.length() - 1) == '.';
            if (c == '.' && (afterDot || name.length() == length - 1)) {
                continue;
            }
            name.append(c);
        }
        if (random.nextInt(3) == 0) {
            name.append(random.nextBoolean() ? ".json" : ".sav");
        }
        return name.toString();
    }

    /** A blob path: a folder and a file name. */
    public String blobPath() {
        return directory(3) + "/" + fileName();
    }

    /** A SCID: a GUID, in upper or lower case (clients send both). */
    public String scid() {
        String scid = new UUID(random.nextLong(), random.nextLong()).toString();
        return random.nextBoolean() ? scid : scid.toUpperCase(Locale.ROOT);
    }

    /** A XUID: an unsigned 64-bit number in the range real accounts have (2533274…). */
    public String xuid() {
        return Long.toString(2_533_274_000_000_000L + (random.nextLong() & 0xFF_FFFF_FFFFL));
    }

    /** A title id: any 32-bit unsigned value but 0. */
    public long titleId() {
        return 1 + (random.nextLong() & 0xFFFF_FFFEL);
    }

    /** A sandbox id: 1 to 64 of letters, digits, {@code .}, {@code -}, {@code _}. */
    public String sandboxId() {
        return word(SANDBOX_ALPHABET, 1 + random.nextInt(64));
    }

    /** Valid Unicode text of at most {@code maxChars} UTF-16 units, never splitting a surrogate pair. */
    public String text(int maxChars) {
        StringBuilder text = new StringBuilder();
        int target = 1 + random.nextInt(Math.max(1, maxChars));
        while (true) {
            String piece = TEXT_PIECES[random.nextInt(TEXT_PIECES.length)];
            if (text.length() + piece.length() > target) {
                return text.isEmpty() ? "a" : text.toString();
            }
            text.append(piece);
        }
    }

    /** One of the given values. */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    private String word(String alphabet, int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
