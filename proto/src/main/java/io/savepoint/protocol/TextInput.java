package io.savepoint.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The text rules every input meets once, at the edge: text is valid UTF-8, and holds neither U+0000 (PostgreSQL cannot
 * store it in text) nor a lone surrogate (it cannot be encoded back, and would be stored as {@code ?}). A broken value
 * is a 400 that names the field, before anything reads or stores it.
 */
public final class TextInput {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private TextInput() {
    }

    /** Refuses U+0000 and unpaired surrogates in {@code value}; {@code field} names it in the 400. */
    public static void check(String field, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw ApiException.badRequest(field + " " + problem);
        }
    }

    /** What breaks the rules in {@code value} ("contains U+0000 …"), or null when nothing does. */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "contains U+0000 (NUL) at character " + i + "; remove it.";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone surrogate U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at character " + i
                        + "; send whole Unicode characters in UTF-8.";
            }
        }
        return null;
    }

    /**
     * What breaks the rules in percent-encoded URI text once decoded (a stray {@code %}, invalid UTF-8, U+0000, a lone
     * surrogate), or null when nothing does. {@code +} is left as it is.
     */
    public static String uriProblem(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return problem(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else if (c == '%') {
                return "has a '%' that is not followed by two hex digits; encode it as %25.";
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return problem(strictUtf8().decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return "is not valid UTF-8 once percent-decoded; encode text as UTF-8.";
        }
    }

    /** Decodes {@code bytes} as UTF-8, refusing malformed sequences with a 400 naming {@code field}. */
    public static String utf8(String field, byte[] bytes) {
        try {
            return strictUtf8().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(field + " is not valid UTF-8; send text encoded as UTF-8.");
        }
    }

    /**
     * Checks a text or JSON request body: valid UTF-8 and, in JSON, no field name or string value with U+0000 or a lone
     * surrogate, and no field twice in one object (parsers disagree on which one wins). The 400 names the value's JSON
     * pointer, e.g. {@code /userCaption}. JSON syntax errors are left to the parser that reads the body next, which names
     * them in its own words; a body that is not JSON is checked whole.
     */
    public static void checkBody(byte[] body) {
        String text = utf8("The request body", body);
        try (JsonParser parser = JSON.createParser(body)) {
            Deque<Set<String>> objects = new ArrayDeque<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT -> objects.push(new HashSet<>());
                    case END_OBJECT -> objects.pop();
                    case FIELD_NAME -> {
                        String pointer = pointer(parser);
                        check("JSON field name at " + pointer, parser.getText());
                        if (!objects.peek().add(parser.getText())) {
                            throw ApiException.badRequest("JSON field " + pointer + " appears more than once; send each field once.");
                        }
                    }
                    case VALUE_STRING -> check("JSON string " + pointer(parser), parser.getText());
                    default -> {
                    }
                }
            }
        } catch (IOException notJson) {
            check("The request body", text);
        }
    }

    private static String pointer(JsonParser parser) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
