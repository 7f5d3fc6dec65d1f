package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigResolverTest {

    private static final long NO_TITLE = -1;

    /** The B.8 / FEAT overview card example, with {@code _selectBy} spelled as given. */
    private static String cardConfig(String selectBy) {
        return """
                {
                  "defaultCardDesign": {
                    "_virtualNode": {
                      "_selectBy": "%s",
                      "_sourceNodes": [
                        {"_selector": "1234567899", "_data": "RobotUnicornCard.png,binary"},
                        {"_selector": "12456799", "_data": "ZombieCard.png,binary"},
                        {"_selector": "default", "_data": "PlainCard.png,binary"}
                      ]
                    }
                  }
                }
                """.formatted(selectBy);
    }

    private static String virtual(String selectBy, String... selectorDataPairs) {
        StringBuilder sb = new StringBuilder("{\"_virtualNode\":{\"_selectBy\":\"").append(selectBy).append("\",\"_sourceNodes\":[");
        for (int i = 0; i < selectorDataPairs.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"_selector\":\"").append(selectorDataPairs[i]).append("\",\"_data\":").append(selectorDataPairs[i + 1])
                    .append('}');
        }
        return sb.append("]}}").toString();
    }

    private static String resolve(String json, long titleId, List<String> languages, String customSelector) {
        return new String(ConfigResolver.resolve(json.getBytes(StandardCharsets.UTF_8), titleId, languages, customSelector),
                StandardCharsets.UTF_8);
    }

    private static String resolve(String json, long titleId) {
        return resolve(json, titleId, List.of(), null);
    }

    @Nested
    class TitleId {

        @Test
        void specExample() {
            assertThat(resolve(cardConfig("titleId"), 1234567899L)).isEqualTo(
                    "{\"defaultCardDesign\":\"RobotUnicornCard.png,binary\",\"_sourceNodes\":[\"defaultCardDesign:titleId:1234567899\"]}");
        }

        @Test
        void selectByIsCaseInsensitiveAndEchoedAsWritten() {
            assertThat(resolve(cardConfig("titleID"), 1234567899L)).isEqualTo(
                    "{\"defaultCardDesign\":\"RobotUnicornCard.png,binary\",\"_sourceNodes\":[\"defaultCardDesign:titleID:1234567899\"]}");
        }

        @Test
        void otherTitle() {
            assertThat(resolve(cardConfig("titleId"), 12456799L)).isEqualTo(
                    "{\"defaultCardDesign\":\"ZombieCard.png,binary\",\"_sourceNodes\":[\"defaultCardDesign:titleId:12456799\"]}");
        }

        @Test
        void unknownTitleFallsBackToDefault() {
            assertThat(resolve(cardConfig("titleId"), 42L)).isEqualTo(
                    "{\"defaultCardDesign\":\"PlainCard.png,binary\",\"_sourceNodes\":[\"defaultCardDesign:titleId:default\"]}");
        }

        @Test
        void noCallerTitleFallsBackToDefault() {
            assertThat(resolve(cardConfig("titleId"), NO_TITLE)).contains("\"defaultCardDesign:titleId:default\"");
        }

        @Test
        void hexSelectorMatchesToo() {
            String json = "{\"c\":" + virtual("titleId", "0x499602DB", "\"hex\"") + "}";
            assertThat(resolve(json, 1234567899L)).isEqualTo("{\"c\":\"hex\",\"_sourceNodes\":[\"c:titleId:0x499602DB\"]}");
        }

        @Test
        void numericSelectorWorks() {
            String json = "{\"c\":{\"_virtualNode\":{\"_selectBy\":\"titleId\",\"_sourceNodes\":[{\"_selector\":77,\"_data\":1}]}}}";
            assertThat(resolve(json, 77)).isEqualTo("{\"c\":1,\"_sourceNodes\":[\"c:titleId:77\"]}");
        }
    }

    @Nested
    class LocaleSelection {

        private final List<String> frenchFirst = ConfigResolver.parseAcceptLanguage("fr-FR,fr;q=0.8,en;q=0.5");

        @Test
        void acceptLanguageOrder() {
            assertThat(frenchFirst).containsExactly("fr-FR", "fr", "en");
        }

        @Test
        void exactMatch() {
            String json = "{\"greeting\":" + virtual("locale", "en-US", "\"Hello\"", "fr-FR", "\"Bonjour\"", "default", "\"Hi\"") + "}";
            assertThat(resolve(json, NO_TITLE, frenchFirst, null))
                    .isEqualTo("{\"greeting\":\"Bonjour\",\"_sourceNodes\":[\"greeting:locale:fr-FR\"]}");
        }

        @Test
        void exactMatchIsCaseInsensitive() {
            String json = "{\"g\":" + virtual("locale", "FR-fr", "\"Bonjour\"") + "}";
            assertThat(resolve(json, NO_TITLE, frenchFirst, null)).isEqualTo("{\"g\":\"Bonjour\",\"_sourceNodes\":[\"g:locale:FR-fr\"]}");
        }

        @Test
        void laterEntryMatchingExactlyBeatsLanguageOnlyFallback() {
            String json = "{\"g\":" + virtual("locale", "en", "\"Hello\"", "fr", "\"Salut\"") + "}";
            assertThat(resolve(json, NO_TITLE, frenchFirst, null)).isEqualTo("{\"g\":\"Salut\",\"_sourceNodes\":[\"g:locale:fr\"]}");
        }

        @Test
        void languageOnlyPrefixOfTheRequestedTag() {
            String json = "{\"g\":" + virtual("locale", "de", "\"Hallo\"", "fr", "\"Salut\"") + "}";
            assertThat(resolve(json, NO_TITLE, List.of("fr-CA"), null)).isEqualTo("{\"g\":\"Salut\",\"_sourceNodes\":[\"g:locale:fr\"]}");
        }

        @Test
        void requestedLanguageMatchesARegionalSelector() {
            String json = "{\"g\":" + virtual("locale", "de-DE", "\"Hallo\"", "en-US", "\"Hello\"", "default", "\"?\"") + "}";
            assertThat(resolve(json, NO_TITLE, frenchFirst, null)).isEqualTo("{\"g\":\"Hello\",\"_sourceNodes\":[\"g:locale:en-US\"]}");
        }

        @Test
        void underscoreSpellingIsTolerated() {
            String json = "{\"g\":" + virtual("locale", "fr_FR", "\"Bonjour\"") + "}";
            assertThat(resolve(json, NO_TITLE, frenchFirst, null)).contains("\"g\":\"Bonjour\"");
        }

        @Test
        void noMatchFallsBackToDefault() {
            String json = "{\"g\":" + virtual("locale", "ja-JP", "\"Konnichiwa\"", "default", "\"Hi\"") + "}";
            assertThat(resolve(json, NO_TITLE, frenchFirst, null)).isEqualTo("{\"g\":\"Hi\",\"_sourceNodes\":[\"g:locale:default\"]}");
        }

        @Test
        void noLanguagesFallsBackToDefault() {
            String json = "{\"g\":" + virtual("locale", "en-US", "\"Hello\"", "default", "\"Hi\"") + "}";
            assertThat(resolve(json, NO_TITLE, null, null)).isEqualTo("{\"g\":\"Hi\",\"_sourceNodes\":[\"g:locale:default\"]}");
        }
    }

    @Nested
    class Custom {

        private final String difficulty = "{\"mode\":" + virtual("custom:gameMode", "casual", "{\"lives\":9}", "serious", "{\"lives\":1}",
                "default", "{\"lives\":3}") + "}";

        @Test
        void specExampleGameModeSerious() {
            assertThat(resolve(difficulty, NO_TITLE, List.of(), "gameMode.serious"))
                    .isEqualTo("{\"mode\":{\"lives\":1},\"_sourceNodes\":[\"mode:custom:gameMode:serious\"]}");
        }

        @Test
        void namesAndValuesAreCaseInsensitive() {
            assertThat(resolve(difficulty, NO_TITLE, List.of(), "GAMEMODE.Casual")).contains("\"mode\":{\"lives\":9}");
        }

        @Test
        void severalSelectorsFirstWins() {
            assertThat(resolve(difficulty, NO_TITLE, List.of(), "other.x, gameMode.casual ,gameMode.serious"))
                    .contains("\"mode\":{\"lives\":9}");
        }

        @Test
        void unknownValueOrAbsentSelectorFallsBackToDefault() {
            assertThat(resolve(difficulty, NO_TITLE, List.of(), "gameMode.insane")).contains("\"mode\":{\"lives\":3}",
                    "mode:custom:gameMode:default");
            assertThat(resolve(difficulty, NO_TITLE, List.of(), null)).contains("\"mode\":{\"lives\":3}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"gameMode", "gameMode.", ".serious", "a.b,nodot"})
        void malformedCustomSelectorIsA400(String customSelector) {
            ApiErrors.badRequest(() -> resolve(difficulty, NO_TITLE, List.of(), customSelector), "customSelector entry", "<name>.<value>");
        }

        @Test
        void valueMayContainDots() {
            assertThat(ConfigResolver.parseCustomSelector("version.1.2")).containsEntry("version", "1.2");
        }
    }

    @Nested
    class Structure {

        @Test
        void noMatchAndNoDefaultRemovesTheProperty() {
            String json = "{\"keep\":1,\"gone\":" + virtual("titleId", "5", "\"five\"") + ",\"also\":2}";
            assertThat(resolve(json, 6)).isEqualTo("{\"keep\":1,\"also\":2}");
        }

        @Test
        void nestedPathIsDotted() {
            String json = "{\"cards\":{\"back\":\"blue\",\"defaultCardDesign\":" + virtual("titleId", "1234567899", "\"Robot.png,binary\"")
                    + "}}";
            assertThat(resolve(json, 1234567899L)).isEqualTo(
                    "{\"cards\":{\"back\":\"blue\",\"defaultCardDesign\":\"Robot.png,binary\"},"
                            + "\"_sourceNodes\":[\"cards.defaultCardDesign:titleId:1234567899\"]}");
        }

        @Test
        void documentOrderAndPropertyPositionAreKept() {
            String json = "{\"a\":" + virtual("titleId", "default", "1") + ",\"b\":{\"c\":" + virtual("locale", "default", "2")
                    + "},\"d\":" + virtual("custom:x", "default", "3") + "}";
            assertThat(resolve(json, 1)).isEqualTo("{\"a\":1,\"b\":{\"c\":2},\"d\":3,"
                    + "\"_sourceNodes\":[\"a:titleId:default\",\"b.c:locale:default\",\"d:custom:x:default\"]}");
        }

        @Test
        void virtualNodesInsideArrays() {
            String json = "{\"list\":[" + virtual("titleId", "9", "\"nine\"") + "," + virtual("titleId", "8", "\"eight\"") + ",\"x\"]}";
            assertThat(resolve(json, 9)).isEqualTo("{\"list\":[\"nine\",\"x\"],\"_sourceNodes\":[\"list[0]:titleId:9\"]}");
            assertThat(resolve(json, 8)).isEqualTo("{\"list\":[\"eight\",\"x\"],\"_sourceNodes\":[\"list[1]:titleId:8\"]}");
        }

        @Test
        void virtualNodesInsideChosenDataAreResolved() {
            String inner = virtual("locale", "en", "\"Hello\"", "default", "\"Hi\"");
            String json = "{\"ui\":" + virtual("titleId", "1", "{\"title\":" + inner + "}") + "}";
            assertThat(resolve(json, 1, List.of("en"), null)).isEqualTo(
                    "{\"ui\":{\"title\":\"Hello\"},\"_sourceNodes\":[\"ui:titleId:1\",\"ui.title:locale:en\"]}");
        }

        @Test
        void virtualNodeChosenAsDataIsResolvedAgain() {
            String inner = virtual("locale", "en", "\"Hello\"");
            String json = "{\"t\":" + virtual("titleId", "1", inner) + "}";
            assertThat(resolve(json, 1, List.of("en"), null))
                    .isEqualTo("{\"t\":\"Hello\",\"_sourceNodes\":[\"t:titleId:1\",\"t:locale:en\"]}");
        }

        @Test
        void dataCanBeAnyJsonValue() {
            String json = "{\"n\":" + virtual("titleId", "1", "null") + ",\"arr\":" + virtual("titleId", "1", "[1,{\"z\":true}]") + "}";
            assertThat(resolve(json, 1))
                    .isEqualTo("{\"n\":null,\"arr\":[1,{\"z\":true}],\"_sourceNodes\":[\"n:titleId:1\",\"arr:titleId:1\"]}");
        }

        @Test
        void documentWithoutVirtualNodesIsReturnedUnchanged() {
            byte[] json = "{ \"plain\" : [1, 2.50] }".getBytes(StandardCharsets.UTF_8);
            assertThat(ConfigResolver.resolve(json, 1, List.of("en"), "a.b")).isSameAs(json);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[1,2]", "\"text\"", "42", "null"})
        void nonObjectRootIsReturnedUnchanged(String root) {
            byte[] json = root.getBytes(StandardCharsets.UTF_8);
            assertThat(ConfigResolver.resolve(json, 1, List.of(), null)).isSameAs(json);
        }

        @Test
        void onlyRemovalsStillRewriteWithoutSourceNodes() {
            String json = "{\"x\":" + virtual("titleId", "5", "1") + "}";
            assertThat(resolve(json, 1)).isEqualTo("{}");
        }

        @Test
        void numbersKeepTheirPrecision() {
            String json = "{\"p\":1.50,\"v\":" + virtual("titleId", "1", "0.10000000000000000001") + "}";
            assertThat(resolve(json, 1)).startsWith("{\"p\":1.50,\"v\":0.10000000000000000001,");
        }

        @Test
        void notJsonIsA400() {
            ApiErrors.badRequest(() -> resolve("{nope", 1), "not valid JSON");
        }
    }

    @Nested
    class Malformed {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
                "{\"c\":{\"_virtualNode\":5}}                                                          | _virtualNode must be an object",
                "{\"c\":{\"_virtualNode\":{\"_sourceNodes\":[]}}}                                       | _selectBy must be a string",
                "{\"c\":{\"_virtualNode\":{\"_selectBy\":\"weather\",\"_sourceNodes\":[]}}}"
                        + " | 'weather' is not titleId, locale or custom:<name>",
                "{\"c\":{\"_virtualNode\":{\"_selectBy\":\"custom:\",\"_sourceNodes\":[]}}} | is not titleId, locale or custom:<name>",
                "{\"c\":{\"_virtualNode\":{\"_selectBy\":\"locale\"}}}                                   | _sourceNodes must be an array",
                "{\"c\":{\"_virtualNode\":{\"_selectBy\":\"locale\",\"_sourceNodes\":[{\"_data\":1}]}}}"
                        + " | _sourceNodes[0] must be an object",
                "{\"c\":{\"_virtualNode\":{\"_selectBy\":\"locale\",\"_sourceNodes\":[{\"_selector\":\"en\"}]}}}"
                        + " | _sourceNodes[0] must be an object",
                "{\"c\":{\"_virtualNode\":{\"_selectBy\":\"locale\",\"_sourceNodes\":[7]}}} | _sourceNodes[0] must be an object"
        })
        void malformedVirtualNodeIsA400NamingItsPath(String json, String fragment) {
            ApiErrors.badRequest(() -> resolve(json, 1), "Config virtual node at 'c' is malformed", fragment);
            ApiErrors.badRequest(() -> ConfigResolver.validate(json.getBytes(StandardCharsets.UTF_8)), "at 'c'", fragment);
        }

        @Test
        void validateAcceptsWellFormedConfigs() {
            assertThatCode(() -> ConfigResolver.validate(cardConfig("titleID").getBytes(StandardCharsets.UTF_8)))
                    .doesNotThrowAnyException();
            assertThatCode(() -> ConfigResolver.validate("[1]".getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
        }

        @Test
        void validateLooksInsideEverySourceNode() {
            String bad = "{\"_virtualNode\":{\"_selectBy\":\"nope\",\"_sourceNodes\":[]}}";
            String json = "{\"a\":[0," + virtual("titleId", "1", "{\"b\":" + bad + "}") + "]}";
            ApiErrors.badRequest(() -> ConfigResolver.validate(json.getBytes(StandardCharsets.UTF_8)), "at 'a[1].b'", "'nope'");
        }
    }

    @Nested
    class AcceptLanguage {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  ", "*", "*;q=0.5", "fr;q=0", "en;q=0.0, de;q=0"})
        void nothingUsable(String header) {
            assertThat(ConfigResolver.parseAcceptLanguage(header)).isEmpty();
        }

        @Test
        void orderedByQuality() {
            assertThat(ConfigResolver.parseAcceptLanguage("en;q=0.5, de, fr-CH;q=0.9, *;q=0.1"))
                    .containsExactly("de", "fr-CH", "en");
        }

        @Test
        void tiesKeepHeaderOrder() {
            assertThat(ConfigResolver.parseAcceptLanguage("ja;q=0.7,en-GB;q=0.7,ko;q=0.7")).containsExactly("ja", "en-GB", "ko");
        }

        @Test
        void toleratesSpacingAndCase() {
            assertThat(ConfigResolver.parseAcceptLanguage(" en-US ; Q=0.9 , ja ")).containsExactly("ja", "en-US");
        }

        @Test
        void dropsMalformedEntries() {
            assertThat(ConfigResolver.parseAcceptLanguage("en;q=abc,fr,,x y,de;q=2")).containsExactly("fr");
        }
    }
}
