package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.savepoint.protocol.ErrorCode;

class JsonSelectTest {

    private static final String GAME = """
            {
              "weapon": {"name": "poison", "damage": 12.50},
              "levels": [
                {"quest": "king"}, {"quest": "rook"}, {"quest": "bishop"}, {"quest": "queen"}
              ],
              "array1": [0, 1, 2, 3, {"prop1": "a", "prop2": [true, null]}],
              "items": [{"id": 7}, "sword"],
              "grid": [[1, 2], [3, [4, 5]]],
              "nothing": null,
              "big": 123456789012345678901234567890,
              "a.b": "dotted"
            }
            """;

    private static String select(String json, String select) {
        return new String(JsonSelect.select(json.getBytes(StandardCharsets.UTF_8), select), StandardCharsets.UTF_8);
    }

    @Test
    void specExampleWeaponName() {
        assertThat(select("{\"weapon\":{\"name\":\"poison\"}}", "weapon.name")).isEqualTo("{\"name\":\"poison\"}");
    }

    @Test
    void specExampleLevelsQuest() {
        assertThat(select(GAME, "levels[3].quest")).isEqualTo("{\"quest\":\"queen\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "weapon                | {\"weapon\":{\"name\":\"poison\",\"damage\":12.50}}",
            "weapon.damage         | {\"damage\":12.50}",
            "array1[4].prop2       | {\"prop2\":[true,null]}",
            "array1[4].prop2[0]    | {\"prop2\":true}",
            "items[0]              | {\"items\":{\"id\":7}}",
            "items[1]              | {\"items\":\"sword\"}",
            "items[0].id           | {\"id\":7}",
            "grid[1][1][0]         | {\"grid\":4}",
            "nothing               | {\"nothing\":null}",
            "big                   | {\"big\":123456789012345678901234567890}"
    })
    void selects(String select, String expected) {
        assertThat(select(GAME, select)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "weapon.missing", "levels[4]", "levels[4].quest", "levels[0].missing", "weapon[0]",
            "weapon.name.first", "levels.quest", "items[1].id", "a", "a.b", "nothing.x", "grid[0][2]"})
    void missingIsA404(String select) {
        ApiErrors.error(() -> select(GAME, select), 404, ErrorCode.NOT_FOUND, "select '" + select + "' matches nothing");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void emptySelectIsA400(String select) {
        ApiErrors.badRequest(() -> select(GAME, select), "select must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {".weapon", "weapon.", "weapon..name", "[0]", "levels[]", "levels[x]", "levels[-1]", "levels[1",
            "levels]1[", "levels[1]x", "levels[1]]", "levels[ 1]", "levels[1234567890]", "a[0].[1]"})
    void malformedSelectIsA400(String select) {
        ApiErrors.badRequest(() -> select(GAME, select), "select '" + select + "' is malformed");
    }

    @Test
    void malformedSelectIsReportedBeforeLookingAtTheDocument() {
        ApiErrors.badRequest(() -> select("not json", "a..b"), "is malformed");
    }

    @Test
    void documentThatIsNotJsonIsA400() {
        ApiErrors.badRequest(() -> select("not json", "a"), "not valid JSON");
        ApiErrors.badRequest(() -> JsonSelect.select(new byte[0], "a"), "empty");
    }

    @Test
    void outputIsCompactUtf8() {
        assertThat(select("{ \"w\" : { \"n\" : \"Zoë\" , \"x\" : [ 1 , 2 ] } }", "w"))
                .isEqualTo("{\"w\":{\"n\":\"Zoë\",\"x\":[1,2]}}");
    }

    @Test
    void numbersKeepTheirTextualPrecision() {
        assertThat(select("{\"a\":{\"f\":0.10000000000000000001,\"e\":1.10}}", "a"))
                .isEqualTo("{\"a\":{\"f\":0.10000000000000000001,\"e\":1.10}}");
    }
}
