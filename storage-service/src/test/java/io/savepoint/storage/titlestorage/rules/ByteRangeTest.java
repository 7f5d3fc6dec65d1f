package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void noHeaderMeansWholeBody(String header) {
        assertThat(ByteRange.parse(header, 100)).isEmpty();
    }

    @ParameterizedTest(name = "{0} of {1} bytes -> {2}-{3}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-1023     | 100  | 0  | 99",
            "bytes=0-99       | 100  | 0  | 99",
            "bytes=0-0        | 100  | 0  | 0",
            "bytes=10-19      | 100  | 10 | 19",
            "bytes=99-99      | 100  | 99 | 99",
            "bytes=50-        | 100  | 50 | 99",
            "bytes=0-         | 100  | 0  | 99",
            "bytes=-10        | 100  | 90 | 99",
            "bytes=-100       | 100  | 0  | 99",
            "bytes=-1000      | 100  | 0  | 99",
            "bytes=-1         | 100  | 99 | 99",
            "BYTES=1-2        | 100  | 1  | 2",
            "bytes = 1 - 2    | 100  | 1  | 2",
            "bytes=1048576-2097151 | 3000000 | 1048576 | 2097151",
            "bytes=2097152-3145727 | 3000000 | 2097152 | 2999999"
    })
    void parsesSingleRanges(String header, long size, long start, long end) {
        assertThat(ByteRange.parse(header, size)).contains(new ByteRange(start, end));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bytes=100-      | 100",
            "bytes=100-199   | 100",
            "bytes=1000-2000 | 100",
            "bytes=0-1023    | 0",
            "bytes=-10       | 0",
            "bytes=-0        | 100"
    })
    void startAtOrPastTheEndIsPastEnd(String header, long size) {
        Optional<ByteRange> range = ByteRange.parse(header, size);
        assertThat(range).contains(ByteRange.pastEnd(size));
        ByteRange pastEnd = range.orElseThrow();
        assertThat(pastEnd.isEmpty()).isTrue();
        assertThat(pastEnd.length()).isZero();
        assertThat(pastEnd.start()).isEqualTo(size);
        assertThat(pastEnd.endInclusive()).isEqualTo(size - 1);
        assertThat(pastEnd.contentRange(size)).isEqualTo("bytes */" + size);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-10,20-30", "bytes=0-10, -5", "items=0-10", "bytes=a-b", "bytes=10", "bytes=-", "bytes=",
            "bytes=5-4", "0-10", "bytes=1.5-2", "bytes=-5-10", "bytes=99999999999999999999-", "bytes 0-10"})
    void malformedOrMultiRangeIsIgnored(String header) {
        assertThat(ByteRange.parse(header, 100)).isEmpty();
    }

    @Test
    void contentRangeAndLength() {
        ByteRange range = ByteRange.parse("bytes=0-1023", 100).orElseThrow();
        assertThat(range.contentRange(100)).isEqualTo("bytes 0-99/100");
        assertThat(range.length()).isEqualTo(100);
        assertThat(range.isEmpty()).isFalse();
        ByteRange suffix = ByteRange.parse("bytes=-10", 100).orElseThrow();
        assertThat(suffix.contentRange(100)).isEqualTo("bytes 90-99/100");
        assertThat(suffix.length()).isEqualTo(10);
    }

    @Test
    void xsapiBlockLoopOnAnExactMultipleEndsWithAnEmptyPastEndRange() {
        long size = 2048;
        long block = 1024;
        long received = 0;
        int requests = 0;
        while (true) {
            ByteRange range = ByteRange.parse("bytes=" + received + "-" + (received + block - 1), size).orElseThrow();
            requests++;
            received += range.length();
            if (range.length() < block) {
                break;
            }
        }
        assertThat(received).isEqualTo(size);
        assertThat(requests).isEqualTo(3);
    }

    @Test
    void constructorRefusesNonsense() {
        assertThatThrownBy(() -> new ByteRange(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
