package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobTypeTest {

    @ParameterizedTest
    @CsvSource({"binary,BINARY", "BINARY,BINARY", "Binary,BINARY", "json,JSON", "JSON,JSON", "config,CONFIG", "Config,CONFIG"})
    void parsesCaseInsensitively(String text, BlobType expected) {
        assertThat(BlobType.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"floppy", "bin", "json ", " json", "jsonx", "text"})
    void refusesOtherValuesNamingTheAllowedOnes(String text) {
        ApiErrors.badRequest(() -> BlobType.parse(text), "binary, json or config");
    }

    @Test
    void errorNamesTheOffendingValue() {
        ApiErrors.badRequest(() -> BlobType.parse("floppy"), "'floppy'");
    }

    @Test
    void suffixIsLowerCase() {
        assertThat(BlobType.BINARY.suffix()).isEqualTo("binary");
        assertThat(BlobType.JSON.suffix()).isEqualTo("json");
        assertThat(BlobType.CONFIG.suffix()).isEqualTo("config");
    }

    @Test
    void contentTypes() {
        assertThat(BlobType.BINARY.contentType()).isEqualTo("application/octet-stream");
        assertThat(BlobType.JSON.contentType()).isEqualTo("application/json");
        assertThat(BlobType.CONFIG.contentType()).isEqualTo("application/json");
    }
}
