package io.savepoint.storage.titlestorage.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import io.savepoint.protocol.ApiException;

/**
 * The content limits Title Storage puts on {@code ,json} blobs (spec B.7, "JSON blob content limits", FEAT overview),
 * checked in one streaming pass without building a tree:
 * <ul>
 *   <li>well-formed JSON, exactly one root value, nothing after it; an empty body is refused;</li>
 *   <li>the root must not be an array;</li>
 *   <li>numeric value text ≤ {@value #MAX_NUMBER_CHARS} chars, string value ≤ {@value #MAX_STRING_CHARS},
 *       property name ≤ {@value #MAX_PROPERTY_NAME_CHARS};</li>
 *   <li>nesting depth ≤ {@value #MAX_DEPTH} (the root object or array is depth 1);</li>
 *   <li>≤ {@value #MAX_ARRAY_ELEMENTS} elements per array and ≤ {@value #MAX_PROPERTIES} properties per object.</li>
 * </ul>
 * Lengths count UTF-16 code units of the decoded text (what .NET's {@code string.Length}, the original service's
 * measure, counts). Each refusal is a 400 naming the limit and the JSON-pointer path of the offending value.
 */
public final class JsonBlobRules {

    public static final int MAX_NUMBER_CHARS = 32;
    public static final int MAX_STRING_CHARS = 1024;
    public static final int MAX_PROPERTY_NAME_CHARS = 64;
    public static final int MAX_DEPTH = 16;
    public static final int MAX_ARRAY_ELEMENTS = 1024;
    public static final int MAX_PROPERTIES = 1024;

    /**
     * Jackson's own number-length guard (1000 digits) would pre-empt ours with a less helpful message; the body size
     * already bounds the text, so it is lifted and {@link #MAX_NUMBER_CHARS} applies to every number.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private JsonBlobRules() {
    }

    /** Throws a 400 {@link ApiException} if {@code body} breaks any rule above. */
    public static void validate(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("JSON blob must not be empty");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            new Walk(parser).run();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("JSON blob is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen when reading a byte array
        }
    }

    /** One open container: whether it is an array, how many entries it has so far, and the name of the current one. */
    private static final class Frame {
        final boolean array;
        int count;
        String name;

        Frame(boolean array) {
            this.array = array;
        }
    }

    private static final class Walk {
        private final JsonParser parser;
        private final List<Frame> stack = new ArrayList<>();

        Walk(JsonParser parser) {
            this.parser = parser;
        }

        void run() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ApiException.badRequest("JSON blob must not be empty");
            }
            if (first == JsonToken.START_ARRAY) {
                throw ApiException.badRequest("JSON blob root must not be an array (found at /)");
            }
            JsonToken token = first;
            while (true) {
                onToken(token);
                if (stack.isEmpty()) {
                    break;
                }
                token = parser.nextToken();
                if (token == null) {
                    // Jackson reports truncated input itself; kept as a guard.
                    throw ApiException.badRequest("JSON blob ends before its root value is complete");
                }
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw ApiException.badRequest("JSON blob must hold a single root value; found " + describe(trailing)
                        + " after it at line " + at.getLineNr() + ", column " + at.getColumnNr());
            }
        }

        private void onToken(JsonToken token) throws IOException {
            switch (token) {
                case FIELD_NAME -> {
                    Frame frame = stack.get(stack.size() - 1);
                    String name = parser.currentName();
                    frame.name = name;
                    frame.count++;
                    if (name.length() > MAX_PROPERTY_NAME_CHARS) {
                        throw ApiException.badRequest("JSON property name " + Values.q(name) + " in the object at " + parentPointer()
                                + " is " + name.length() + " characters long; the limit is " + MAX_PROPERTY_NAME_CHARS);
                    }
                    if (frame.count > MAX_PROPERTIES) {
                        throw ApiException.badRequest("JSON object at " + parentPointer() + " has more than "
                                + MAX_PROPERTIES + " properties (limit " + MAX_PROPERTIES + ")");
                    }
                    return; // the value follows; it is counted through the field name
                }
                case END_OBJECT, END_ARRAY -> {
                    stack.remove(stack.size() - 1);
                    return;
                }
                default -> {
                }
            }
            enterValue();
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (stack.size() + 1 > MAX_DEPTH) {
                        throw ApiException.badRequest("JSON nesting depth exceeds the limit of " + MAX_DEPTH + " at "
                                + pointer());
                    }
                    stack.add(new Frame(token == JsonToken.START_ARRAY));
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    int length = parser.getTextLength();
                    if (length > MAX_NUMBER_CHARS) {
                        throw ApiException.badRequest("JSON number " + Values.q(parser.getText()) + " at " + pointer()
                                + " is " + length + " characters long; the limit is " + MAX_NUMBER_CHARS);
                    }
                }
                case VALUE_STRING -> {
                    int length = parser.getTextLength();
                    if (length > MAX_STRING_CHARS) {
                        throw ApiException.badRequest("JSON string at " + pointer() + " is " + length
                                + " characters long; the limit is " + MAX_STRING_CHARS);
                    }
                }
                default -> {
                    // true, false, null: nothing to measure
                }
            }
        }

        /** Counts a value entering the current array (object values were counted with their field name). */
        private void enterValue() {
            if (stack.isEmpty()) {
                return;
            }
            Frame frame = stack.get(stack.size() - 1);
            if (frame.array) {
                frame.name = Integer.toString(frame.count);
                frame.count++;
                if (frame.count > MAX_ARRAY_ELEMENTS) {
                    throw ApiException.badRequest("JSON array at " + parentPointer() + " has more than "
                            + MAX_ARRAY_ELEMENTS + " elements (limit " + MAX_ARRAY_ELEMENTS + ")");
                }
            }
        }

        /** JSON pointer of the current value, e.g. {@code /a/b/3}; the root is {@code /}. */
        private String pointer() {
            return pointer(stack.size());
        }

        /** JSON pointer of the innermost open container. */
        private String parentPointer() {
            return pointer(stack.size() - 1);
        }

        private String pointer(int frames) {
            if (frames <= 0) {
                return "/";
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < frames; i++) {
                String name = stack.get(i).name;
                sb.append('/').append(name == null ? "" : name.replace("~", "~0").replace("/", "~1"));
            }
            return sb.toString();
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
            };
        }
    }
}
