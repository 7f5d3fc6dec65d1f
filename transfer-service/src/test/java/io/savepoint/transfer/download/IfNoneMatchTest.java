package io.savepoint.transfer.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IfNoneMatchTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = {"\"abc\"|true", "W/\"abc\"|true", "\"x\", \"abc\"|true", "*|true", "\"abd\"|false", "abc|false", "''|false"})
    void matchesTheCurrentEtag(String header, boolean matches) {
        assertEquals(matches, DownloadService.matches(header, "\"abc\""));
    }
}
