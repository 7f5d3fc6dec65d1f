package io.savepoint.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.savepoint.protocol.ByteRange.PastEnd;

/** The one Range parser, under both past-the-end rules (clip downloads: 416; Title Storage: an empty 206). */
class ByteRangeTest {

    private static final String ETAG = "\"0x8D1C76581F12853\"";

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void noHeaderMeansTheWholeBody(String header) {
        for (PastEnd rule : PastEnd.values()) {
            assertThat(ByteRange.parse(header, 100, rule)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} of {1} bytes -> {2}-{3}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-1023          | 100     | 0       | 99",
            "bytes=0-99            | 100     | 0       | 99",
            "bytes=0-0             | 100     | 0       | 0",
            "bytes=10-19           | 100     | 10      | 19",
            "bytes=99-99           | 100     | 99      | 99",
            "bytes=50-             | 100     | 50      | 99",
            "bytes=-10             | 100     | 90      | 99",
            "bytes=-100            | 100     | 0       | 99",
            "bytes=-1000           | 100     | 0       | 99",
            "bytes=-1              | 100     | 99      | 99",
            "BYTES=1-2             | 100     | 1       | 2",
            "bytes = 1 - 2         | 100     | 1       | 2",
            "BYTES = 5 - 6         | 1000    | 5       | 6",
            "bytes=990-5000        | 1000    | 990     | 999",
            "bytes=1048576-2097151 | 3000000 | 1048576 | 2097151",
            "bytes=2097152-3145727 | 3000000 | 2097152 | 2999999"
    })
    void satisfiableRangesAreTheSameUnderBothRules(String header, long size, long start, long end) {
        for (PastEnd rule : PastEnd.values()) {
            assertThat(ByteRange.parse(header, size, rule)).contains(new ByteRange(start, end));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-10,20-30", "bytes=0-10, -5", "items=0-10", "bytes=a-b", "bytes=10", "bytes=-", "bytes=",
            "bytes=5-4", "0-10", "bytes=1.5-2", "bytes=-5-10", "bytes=99999999999999999999-", "bytes 0-10"})
    void malformedOrMultiRangeHeadersServeTheWholeBody(String header) {
        for (PastEnd rule : PastEnd.values()) {
            assertThat(ByteRange.parse(header, 100, rule)).isEmpty();
        }
    }

    /** Ranges at or past the end of a body of {@code size} bytes (and the last 0 bytes of one). */
    static Stream<Arguments> pastTheEnd() {
        return Stream.of(arguments("bytes=100-", 100L), arguments("bytes=100-199", 100L), arguments("bytes=1000-2000", 100L),
                arguments("bytes=0-1023", 0L), arguments("bytes=-10", 0L), arguments("bytes=-0", 100L));
    }

    @ParameterizedTest
    @MethodSource("pastTheEnd")
    void pastTheEndIsAnEmptyRangeForTitleStorage(String header, long size) {
        ByteRange pastEnd = ByteRange.parse(header, size, PastEnd.EMPTY).orElseThrow();
        assertThat(pastEnd.isEmpty()).isTrue();
        assertThat(pastEnd.length()).isZero();
        assertThat(pastEnd.start()).isEqualTo(size);
        assertThat(pastEnd.endInclusive()).isEqualTo(size - 1);
        assertThat(pastEnd.contentRange(size)).isEqualTo("bytes */" + size);
    }

    @ParameterizedTest
    @MethodSource("pastTheEnd")
    void pastTheEndIsA416NamingTheSizeForClipDownloads(String header, long size) {
        assertThatThrownBy(() -> ByteRange.parse(header, size, PastEnd.UNSATISFIABLE))
                .isInstanceOfSatisfying(RangeNotSatisfiableException.class, e -> {
                    assertThat(e.status()).isEqualTo(416);
                    assertThat(e.size()).isEqualTo(size);
                    assertThat(e.getMessage()).contains(header).contains(size + " bytes");
                });
    }

    @ParameterizedTest
    @EnumSource(PastEnd.class)
    void ifRangeWithTheCurrentStrongEtagKeepsTheRange(PastEnd rule) {
        assertThat(ByteRange.select("bytes=10-19", ETAG, ETAG, 100, rule)).contains(new ByteRange(10, 19));
        assertThat(ByteRange.select("bytes=10-19", " " + ETAG + " ", ETAG, 100, rule)).contains(new ByteRange(10, 19));
        assertThat(ByteRange.select("bytes=10-19", null, ETAG, 100, rule)).contains(new ByteRange(10, 19));
        assertThat(ByteRange.select("bytes=10-19", "", ETAG, 100, rule)).contains(new ByteRange(10, 19));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0x0000000000000000\"", "W/\"0x8D1C76581F12853\"", "0x8D1C76581F12853", "\"0x8d1c76581f12853\"",
            "Sun, 06 Nov 1994 08:49:37 GMT", "*", ETAG + ", \"other\""})
    void ifRangeNamingAnythingElseServesTheWholeBody(String ifRange) {
        for (PastEnd rule : PastEnd.values()) {
            assertThat(ByteRange.select("bytes=10-19", ifRange, ETAG, 100, rule)).isEmpty();
            // even a range past the end: the Range is ignored, so it cannot be unsatisfiable
            assertThat(ByteRange.select("bytes=500-", ifRange, ETAG, 100, rule)).isEmpty();
        }
    }

    @Test
    void ifRangeWithoutARangeIsIgnored() {
        assertThat(ByteRange.select(null, ETAG, ETAG, 100, PastEnd.UNSATISFIABLE)).isEmpty();
        assertThat(ByteRange.select(null, "\"stale\"", ETAG, 100, PastEnd.EMPTY)).isEmpty();
    }

    @Test
    void contentRangeAndLength() {
        ByteRange range = ByteRange.parse("bytes=0-1023", 100, PastEnd.EMPTY).orElseThrow();
        assertThat(range.contentRange(100)).isEqualTo("bytes 0-99/100");
        assertThat(range.length()).isEqualTo(100);
        assertThat(range.isEmpty()).isFalse();
        ByteRange suffix = ByteRange.parse("bytes=-10", 100, PastEnd.UNSATISFIABLE).orElseThrow();
        assertThat(suffix.contentRange(100)).isEqualTo("bytes 90-99/100");
        assertThat(suffix.length()).isEqualTo(10);
        assertThat(new ByteRange(999, 999).contentRange(1000)).isEqualTo("bytes 999-999/1000");
    }

    @Test
    void xsapiBlockLoopOnAnExactMultipleEndsWithAnEmptyRange() {
        long size = 2048;
        long block = 1024;
        long received = 0;
        int requests = 0;
        while (true) {
            ByteRange range = ByteRange.parse("bytes=" + received + "-" + (received + block - 1), size, PastEnd.EMPTY).orElseThrow();
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
        assertThat(Optional.of(new ByteRange(5, 4))).get().extracting(ByteRange::isEmpty).isEqualTo(true);
    }
}
