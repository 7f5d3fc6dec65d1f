package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.savepoint.protocol.ErrorCode;
import io.savepoint.storage.titlestorage.rules.ETags.Conditions;
import io.savepoint.storage.titlestorage.rules.ETags.Outcome;

class ETagsTest {

    private static final String CURRENT = "0x8D1C76581F12853";

    /** CSV cells: "-" is an absent header, "none" an absent blob. */
    private static String cell(String value) {
        return "-".equals(value) ? null : value;
    }

    private static String blob(String value) {
        return "none".equals(value) ? null : value;
    }

    @Nested
    class EtagValues {

        @Test
        void newEtagLooksLikeAnAzureEtag() {
            String etag = ETags.newEtag();
            assertThat(etag).matches("0x[0-9A-F]{15}").hasSize(17);
            assertThat(ETags.quoted(etag).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(53);
        }

        @Test
        void newEtagsDiffer() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                assertThat(ETags.newEtag()).matches("0x[0-9A-F]{15}");
                seen.add(ETags.newEtag());
            }
            assertThat(seen).hasSizeGreaterThan(9_990);
        }

        @Test
        void quoted() {
            assertThat(ETags.quoted(CURRENT)).isEqualTo("\"0x8D1C76581F12853\"");
            assertThat(ETags.quoted("\"0x8D1C76581F12853\"")).isEqualTo("\"0x8D1C76581F12853\"");
            assertThat(ETags.quoted(null)).isNull();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
                "\"0x8D1C76581F12853\"   | 0x8D1C76581F12853",
                "0x8D1C76581F12853       | 0x8D1C76581F12853",
                "W/\"0x8D1C76581F12853\" | 0x8D1C76581F12853",
                "~  \"abc\"  ~           | abc",
                "\"\"                    | ~~",
                "\"                      | \"",
                "*                       | *"
        })
        void unquote(String raw, String expected) {
            assertThat(ETags.unquote(raw)).isEqualTo(expected);
        }

        @Test
        void unquoteNull() {
            assertThat(ETags.unquote(null)).isNull();
        }
    }

    @Nested
    class Parsing {

        @Test
        void absentOrBlankHeadersGiveEmptyLists() {
            assertThat(Conditions.parse(null, null)).isEqualTo(Conditions.none());
            assertThat(Conditions.parse("", "  ").isEmpty()).isTrue();
        }

        @Test
        void listsAreSplitAndUnquoted() {
            Conditions c = Conditions.parse("\"a\", \"b\",c", "W/\"d\" ,  *");
            assertThat(c.ifMatch()).containsExactly("a", "b", "c");
            assertThat(c.ifNoneMatch()).containsExactly("d", "*");
            assertThat(c.isEmpty()).isFalse();
        }

        @Test
        void commaInsideQuotesDoesNotSplit() {
            assertThat(Conditions.parse("\"a,b\", \"c\"", null).ifMatch()).containsExactly("a,b", "c");
        }

        @Test
        void emptyEntriesAreSkippedButAnEmptyQuotedTagIsKept() {
            assertThat(Conditions.parse("a, ,b,,", null).ifMatch()).containsExactly("a", "b");
            assertThat(Conditions.parse("\"\"", null).ifMatch()).containsExactly("");
        }

        @Test
        void xsapiValuesAreOrdinaryTags() {
            assertThat(Conditions.parse("If-None-Match", "InvalidETagValue"))
                    .isEqualTo(new Conditions(List.of("If-None-Match"), List.of("InvalidETagValue")));
        }

        @Test
        void listsAreImmutable() {
            Conditions c = Conditions.parse("a", "b");
            assertThatCode(() -> c.ifMatch().add("x")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Writes {

        /** PUT / DELETE: If-Match | If-None-Match | current blob ETag | expected ("ok" or the 412 message part). */
        @ParameterizedTest(name = "If-Match {0}, If-None-Match {1}, blob {2} -> {3}")
        @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
                "-                          | -                  | 0x8D1C76581F12853 | ok",
                "-                          | -                  | none              | ok",
                "\"0x8D1C76581F12853\"      | -                  | 0x8D1C76581F12853 | ok",
                "0x8D1C76581F12853          | -                  | 0x8D1C76581F12853 | ok",
                "W/\"0x8D1C76581F12853\"    | -                  | 0x8D1C76581F12853 | ok",
                "\"other\", \"0x8D1C76581F12853\" | -            | 0x8D1C76581F12853 | ok",
                "*                          | -                  | 0x8D1C76581F12853 | ok",
                "\"0x0000000000000000\" | - | 0x8D1C76581F12853 | does not match the current ETag \"0x8D1C76581F12853\"",
                "0x8d1c76581f12853 | - | 0x8D1C76581F12853 | does not match the current ETag \"0x8D1C76581F12853\"",
                "*                          | -                  | none              | the blob does not exist",
                "\"0x8D1C76581F12853\"      | -                  | none              | the blob does not exist",
                "-                          | *                  | none              | ok",
                "-                          | *                  | 0x8D1C76581F12853 | matches the current ETag \"0x8D1C76581F12853\"",
                "-                          | \"0x8D1C76581F12853\" | 0x8D1C76581F12853 | matches the current ETag \"0x8D1C76581F12853\"",
                "-                          | a, 0x8D1C76581F12853 | 0x8D1C76581F12853 | matches the current ETag",
                "-                          | \"other\"          | 0x8D1C76581F12853 | ok",
                "-                          | \"0x8D1C76581F12853\" | none           | ok",
                "\"0x8D1C76581F12853\"      | \"0x8D1C76581F12853\" | 0x8D1C76581F12853 | matches the current ETag",
                "\"other\"                  | *                  | 0x8D1C76581F12853 | does not match the current ETag",
                // XSAPI NotUsed: ETag: InvalidETagValue (ignored) + If-None-Match: InvalidETagValue
                "-                          | InvalidETagValue   | 0x8D1C76581F12853 | ok",
                "-                          | InvalidETagValue   | none              | ok",
                // XSAPI IfMatch / IfNotMatch with an empty etag send the literal value "If-None-Match"
                "If-None-Match              | -                  | 0x8D1C76581F12853 | does not match the current ETag",
                "If-None-Match              | -                  | none              | the blob does not exist",
                "-                          | If-None-Match      | 0x8D1C76581F12853 | ok",
                "-                          | If-None-Match      | none              | ok"
        })
        void table(String ifMatch, String ifNoneMatch, String current, String expected) {
            Conditions conditions = Conditions.parse(cell(ifMatch), cell(ifNoneMatch));
            if (expected.equals("ok")) {
                assertThatCode(() -> conditions.checkWrite(blob(current))).doesNotThrowAnyException();
            } else {
                ApiErrors.error(() -> conditions.checkWrite(blob(current)), 412, ErrorCode.PRECONDITION_FAILED, expected);
            }
        }

        @Test
        void currentEtagMayBePassedQuoted() {
            assertThatCode(() -> Conditions.parse(CURRENT, null).checkWrite("\"" + CURRENT + "\"")).doesNotThrowAnyException();
        }

        @Test
        void messageNamesTheHeaderAndItsTags() {
            ApiErrors.error(() -> Conditions.parse("\"a\", \"b\"", null).checkWrite(CURRENT), 412, ErrorCode.PRECONDITION_FAILED,
                    "If-Match '\"a\", \"b\"' does not match the current ETag \"0x8D1C76581F12853\"");
            ApiErrors.error(() -> Conditions.parse(null, "*").checkWrite(CURRENT), 412, ErrorCode.PRECONDITION_FAILED,
                    "If-None-Match '*' matches the current ETag \"0x8D1C76581F12853\"");
        }
    }

    @Nested
    class Reads {

        /** GET: If-Match | If-None-Match | current blob ETag | PROCEED, NOT_MODIFIED or the 412 message part. */
        @ParameterizedTest(name = "If-Match {0}, If-None-Match {1}, blob {2} -> {3}")
        @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
                "-                     | -                     | 0x8D1C76581F12853 | PROCEED",
                "-                     | -                     | none              | PROCEED",
                "-                     | InvalidETagValue      | 0x8D1C76581F12853 | PROCEED",
                "-                     | InvalidETagValue      | none              | PROCEED",
                "-                     | If-None-Match         | 0x8D1C76581F12853 | PROCEED",
                "-                     | \"0x8D1C76581F12853\" | 0x8D1C76581F12853 | NOT_MODIFIED",
                "-                     | W/\"0x8D1C76581F12853\" | 0x8D1C76581F12853 | NOT_MODIFIED",
                "-                     | \"old\", \"0x8D1C76581F12853\" | 0x8D1C76581F12853 | NOT_MODIFIED",
                "-                     | *                     | 0x8D1C76581F12853 | NOT_MODIFIED",
                "-                     | *                     | none              | PROCEED",
                "-                     | \"old\"               | 0x8D1C76581F12853 | PROCEED",
                "\"0x8D1C76581F12853\" | -                     | 0x8D1C76581F12853 | PROCEED",
                "*                     | -                     | 0x8D1C76581F12853 | PROCEED",
                "\"0x8D1C76581F12853\" | \"0x8D1C76581F12853\" | 0x8D1C76581F12853 | NOT_MODIFIED",
                "\"old\"               | -                     | 0x8D1C76581F12853 | does not match the current ETag \"0x8D1C76581F12853\"",
                "\"old\"               | \"0x8D1C76581F12853\" | 0x8D1C76581F12853 | does not match the current ETag",
                "\"old\"               | -                     | none              | the blob does not exist",
                "If-None-Match         | -                     | 0x8D1C76581F12853 | does not match the current ETag"
        })
        void table(String ifMatch, String ifNoneMatch, String current, String expected) {
            Conditions conditions = Conditions.parse(cell(ifMatch), cell(ifNoneMatch));
            switch (expected) {
                case "PROCEED" -> assertThat(conditions.checkRead(blob(current))).isEqualTo(Outcome.PROCEED);
                case "NOT_MODIFIED" -> assertThat(conditions.checkRead(blob(current))).isEqualTo(Outcome.NOT_MODIFIED);
                default -> ApiErrors.error(() -> conditions.checkRead(blob(current)), 412, ErrorCode.PRECONDITION_FAILED, expected);
            }
        }
    }

    @Test
    void xsapiNotUsedNeverBlocksReadsOrWrites() {
        Conditions notUsed = Conditions.parse(null, "InvalidETagValue");
        for (int i = 0; i < 100; i++) {
            String etag = ETags.newEtag();
            assertThat(notUsed.checkRead(etag)).isEqualTo(Outcome.PROCEED);
            assertThatCode(() -> notUsed.checkWrite(etag)).doesNotThrowAnyException();
        }
        assertThatCode(() -> notUsed.checkWrite(null)).doesNotThrowAnyException();
        assertThat(notUsed.checkRead(null)).isEqualTo(Outcome.PROCEED);
    }
}
