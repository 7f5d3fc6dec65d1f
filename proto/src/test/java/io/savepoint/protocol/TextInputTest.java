package io.savepoint.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "save_slot_1/a-b.json", "😀 emoji pair", "中文 עברית", "e\u0301", "\t tab", "a%b"})
    void validTextPasses(String text) {
        assertNull(TextInput.problem(text));
        assertDoesNotThrow(() -> TextInput.checkBody(("{\"userCaption\":\"" + text.replace("\t", "\\t") + "\"}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000b", "a\ud83db", "\udc00", "end\ud83d", "\ude00\ud83d"})
    void nulAndLoneSurrogatesAreRefusedNamingTheField(String text) {
        ApiException e = assertThrows(ApiException.class, () -> TextInput.check("userCaption", text));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("userCaption contains "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "a%00", "%ED%A0%BD", "%FF", "%C3%28", "%C0%AF", "%F4%90%80%80", "%", "a%2", "%zz"})
    void brokenUriTextHasAProblem(String raw) {
        assertTrue(TextInput.uriProblem(raw) != null, raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "%20", "%C3%A9", "%F0%9F%98%80", "a+b", "xuid(2533274800000001)", "%25"})
    void validUriTextHasNone(String raw) {
        assertNull(TextInput.uriProblem(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userCaption\":\"\\u0000\"}", "{\"userCaption\":\"a\\ud83db\"}", "{\"a\":{\"userCaption\":[\"\\udc00\"]}}",
            "{\"\\u0000\":1}"})
    void jsonStringsAreCheckedNamingTheirPointer(String json) {
        ApiException e = assertThrows(ApiException.class, () -> TextInput.checkBody(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("JSON "), e.getMessage());
        assertTrue(e.getMessage().contains("/userCaption") || e.getMessage().contains("field name"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FF", "C328", "EDA0BD", "80"})
    void invalidUtf8BodiesAreRefused(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] head = "{\"userCaption\":\"a".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + bad.length + 2];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        ApiException e = assertThrows(ApiException.class, () -> TextInput.checkBody(body));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userCaption\":", "not json \u0000", "{\"a\":1"})
    void malformedJsonIsLeftToItsParserButRawNulIsNot(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (body.indexOf('\u0000') >= 0) {
            assertThrows(ApiException.class, () -> TextInput.checkBody(bytes));
        } else {
            assertDoesNotThrow(() -> TextInput.checkBody(bytes));
        }
    }
}
