package io.savepoint.transfer.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource({"bytes=0-99, 0, 99", "bytes=10-, 10, 999", "bytes=-100, 900, 999", "bytes=-5000, 0, 999", "bytes=990-5000, 990, 999",
            "BYTES = 5 - 6, 5, 6", "bytes=999-999, 999, 999"})
    void satisfiableRanges(String header, long first, long last) throws Exception {
        assertEquals(Optional.of(new ByteRange(first, last)), ByteRange.parse(header, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=5-2", "items=0-5", "bytes=0-1,5-6", "bytes=a-b"})
    void malformedOrMultipleRangesServeTheWholeAsset(String header) throws Exception {
        assertEquals(Optional.empty(), ByteRange.parse(header, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0"})
    void rangesPastTheEndAreUnsatisfiable(String header) {
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse(header, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-", "bytes=-1"})
    void anEmptyAssetSatisfiesNoRange(String header) {
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse(header, 0));
    }

    @ParameterizedTest
    @CsvSource({"0, 99, bytes 0-99/1000", "999, 999, bytes 999-999/1000"})
    void contentRange(long first, long last, String expected) {
        assertEquals(expected, new ByteRange(first, last).contentRange(1000));
    }
}
