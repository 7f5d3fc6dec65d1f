package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBlobRulesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void valid(String json) {
        assertThatCode(() -> JsonBlobRules.validate(utf8(json))).doesNotThrowAnyException();
    }

    private static void invalid(String json, String... fragments) {
        ApiErrors.badRequest(() -> JsonBlobRules.validate(utf8(json)), fragments);
    }

    /** {@code depth} nested objects: {"a":{"a":{...{}}}}. */
    private static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static String array(int elements) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < elements; i++) {
            j.add(Integer.toString(i % 10));
        }
        return j.toString();
    }

    private static String objectWithProperties(int count) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (int i = 0; i < count; i++) {
            j.add("\"p" + i + "\":" + i);
        }
        return j.toString();
    }

    @Nested
    class WellFormedness {

        @Test
        void acceptsTypicalSave() {
            valid("{\"weapon\":{\"name\":\"poison\",\"damage\":12.5},\"levels\":[{\"quest\":\"a\"},null,true,false,-3e10]}");
        }

        @Test
        void emptyBodyIsRefused() {
            ApiErrors.badRequest(() -> JsonBlobRules.validate(new byte[0]), "must not be empty");
            ApiErrors.badRequest(() -> JsonBlobRules.validate(null), "must not be empty");
        }

        @Test
        void whitespaceOnlyIsRefused() {
            invalid("  \r\n\t ", "must not be empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"a\":}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":NaN}", "{", "}",
                "{\"a\":\"unterminated}", "nul", "{\"a\":1} x"})
        void malformedIsRefusedWithItsLocation(String json) {
            invalid(json, "not valid JSON at line 1, column");
        }

        @Test
        void locationIsOnTheRightLine() {
            invalid("{\n  \"a\": 1,\n  \"b\": ]\n}", "not valid JSON at line 3");
        }

        @Test
        void invalidUtf8IsRefused() {
            byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            ApiErrors.badRequest(() -> JsonBlobRules.validate(body), "not valid JSON");
        }

        @Test
        void secondRootValueIsRefused() {
            invalid("{} {}", "single root value", "an object");
            invalid("{\"a\":1}\n\"x\"", "single root value", "a string");
        }

        @Test
        void extraClosingBracketIsRefused() {
            invalid("{\"a\":1}}", "not valid JSON");
        }

        @Test
        void trailingWhitespaceIsFine() {
            valid("{\"a\":1}\r\n  ");
        }

        @Test
        void utf8TextIsFine() {
            valid("{\"name\":\"Zoë 🎮\"}");
        }
    }

    @Nested
    class Root {

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[1,2]", "  [ {\"a\":1} ]", "[[]]"})
        void rootArrayIsRefused(String json) {
            invalid(json, "root must not be an array");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "\"text\"", "42", "true", "null"})
        void otherRootsAreAccepted(String json) {
            valid(json);
        }

        @Test
        void nestedArraysAreFine() {
            valid("{\"a\":[[1],[2,[3]]]}");
        }
    }

    @Nested
    class Numbers {

        @Test
        void numberOf32CharactersPasses() {
            valid("{\"n\":" + "1".repeat(32) + "}");
            valid("{\"n\":-" + "1".repeat(31) + "}");
            valid("{\"n\":1." + "0".repeat(30) + "}");
            valid("{\"n\":1.5e" + "1".repeat(28) + "}");
        }

        @Test
        void numberOf33CharactersFails() {
            invalid("{\"n\":" + "1".repeat(33) + "}", "JSON number", "at /n", "33 characters", "limit is 32");
            invalid("{\"n\":-" + "1".repeat(32) + "}", "limit is 32");
            invalid("{\"n\":1." + "0".repeat(31) + "}", "limit is 32");
        }

        @Test
        void numberInArrayNamesItsIndex() {
            invalid("{\"a\":{\"b\":[1,2,3," + "9".repeat(40) + "]}}", "at /a/b/3");
        }

        @Test
        void hugeNumberIsMeasuredByOurLimit() {
            invalid("{\"n\":" + "1".repeat(5000) + "}", "JSON number", "at /n", "5000 characters", "limit is 32");
        }
    }

    @Nested
    class Strings {

        @Test
        void stringOf1024CharactersPasses() {
            valid("{\"s\":\"" + "x".repeat(1024) + "\"}");
        }

        @Test
        void stringOf1025CharactersFails() {
            invalid("{\"s\":\"" + "x".repeat(1025) + "\"}", "JSON string at /s", "1025 characters", "limit is 1024");
        }

        @Test
        void lengthCountsDecodedCharactersNotEscapes() {
            valid("{\"s\":\"" + "\\u0041".repeat(1024) + "\"}");
            invalid("{\"s\":\"" + "\\n".repeat(1025) + "\"}", "limit is 1024");
        }

        @Test
        void lengthCountsCharactersNotUtf8Bytes() {
            valid("{\"s\":\"" + "é".repeat(1024) + "\"}");
        }

        @Test
        void stringInArrayNamesItsPath() {
            invalid("{\"a\":{\"b\":[1,2,3,\"" + "y".repeat(1025) + "\"]}}", "at /a/b/3");
        }

        @Test
        void rootStringIsLimitedToo() {
            valid("\"" + "x".repeat(1024) + "\"");
            invalid("\"" + "x".repeat(1025) + "\"", "JSON string at /", "limit is 1024");
        }
    }

    @Nested
    class PropertyNames {

        @Test
        void nameOf64CharactersPasses() {
            valid("{\"" + "k".repeat(64) + "\":1}");
        }

        @Test
        void nameOf65CharactersFails() {
            invalid("{\"outer\":{\"" + "k".repeat(65) + "\":1}}", "JSON property name", "'" + "k".repeat(65) + "'",
                    "in the object at /outer", "65 characters", "limit is 64");
        }

        @Test
        void pointerEscapesSlashAndTilde() {
            invalid("{\"a/b\":{\"c~d\":\"" + "z".repeat(1025) + "\"}}", "at /a~1b/c~0d");
        }
    }

    @Nested
    class Depth {

        @Test
        void depth16Passes() {
            valid(nestedObjects(16));
        }

        @Test
        void depth17Fails() {
            invalid(nestedObjects(17), "nesting depth", "limit of 16", "at /" + "a/".repeat(15) + "a");
        }

        @Test
        void arraysCountTowardsDepth() {
            valid("{\"a\":" + "[".repeat(15) + "]".repeat(15) + "}");
            invalid("{\"a\":" + "[".repeat(16) + "]".repeat(16) + "}", "nesting depth", "limit of 16");
        }

        @Test
        void scalarsAtDepth16AreFine() {
            valid("{\"a\":".repeat(15) + "{\"leaf\":\"x\",\"n\":1}" + "}".repeat(15));
        }

        @Test
        void veryDeepInputIsStillA400() {
            invalid("{\"a\":".repeat(5000) + "1" + "}".repeat(5000), "nesting depth");
        }
    }

    @Nested
    class Arrays {

        @Test
        void arrayOf1024ElementsPasses() {
            valid("{\"a\":" + array(1024) + "}");
        }

        @Test
        void arrayOf1025ElementsFails() {
            invalid("{\"list\":" + array(1025) + "}", "JSON array at /list", "more than 1024 elements");
        }

        @Test
        void elementsOfAnyKindCount() {
            invalid("{\"a\":[" + "{},".repeat(1024) + "[]]}", "more than 1024 elements");
            valid("{\"a\":[" + "{},".repeat(1023) + "[]]}");
        }

        @Test
        void nestedArrayHasItsOwnCount() {
            valid("{\"a\":[" + array(1024) + "," + array(1024) + "]}");
            invalid("{\"a\":[1," + array(1025) + "]}", "JSON array at /a/1");
        }
    }

    @Nested
    class Objects {

        @Test
        void objectWith1024PropertiesPasses() {
            valid(objectWithProperties(1024));
        }

        @Test
        void objectWith1025PropertiesFails() {
            invalid(objectWithProperties(1025), "JSON object at /", "more than 1024 properties");
        }

        @Test
        void nestedObjectIsNamed() {
            invalid("{\"x\":[0," + objectWithProperties(1025) + "]}", "JSON object at /x/1");
        }

        @Test
        void countsArePerObject() {
            valid("{\"a\":" + objectWithProperties(1024) + ",\"b\":" + objectWithProperties(1024) + "}");
        }
    }
}
