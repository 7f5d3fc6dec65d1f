package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientFileTimeTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void blankIsNull(String value) {
        assertThat(ClientFileTime.parse(value)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Thu, 01 Jan 1970 00:00:01 GMT | 1970-01-01T00:00:01Z",
            "Mon, 01 Jan 1601 00:00:00 GMT | 1601-01-01T00:00:00Z",
            "Tue, 13 Aug 2019 09:01:23 GMT | 2019-08-13T09:01:23Z",
            "Thu, 1 Jan 1970 00:00:01 GMT  | 1970-01-01T00:00:01Z",
            "01 Jan 1970 00:00:01 GMT      | 1970-01-01T00:00:01Z",
            "Thu, 01 Jan 1970 01:00:01 +0100 | 1970-01-01T00:00:01Z",
            "Fri, 01 Jan 1970 00:00:01 GMT | 1970-01-01T00:00:01Z"
    })
    void parsesRfc1123(String value, String expected) {
        assertThat(ClientFileTime.parse(value)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void parsesWhatXsapiSendsOnceDecoded() {
        String query = "Mon,%2001%20Jan%201601%2000:00:00%20GMT";
        String decoded = URLDecoder.decode(query, StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("Mon, 01 Jan 1601 00:00:00 GMT");
        assertThat(ClientFileTime.parse(decoded)).isEqualTo(Instant.parse("1601-01-01T00:00:00Z"));
        assertThat(ClientFileTime.parse(URLDecoder.decode("Thu,%2001%20Jan%201970%2000:00:01%20GMT", StandardCharsets.UTF_8)))
                .isEqualTo(Instant.ofEpochSecond(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2012-01-01T01:02:03.1234567Z     | 2012-01-01T01:02:03.1234567Z",
            "2012-01-01T01:02:03Z             | 2012-01-01T01:02:03Z",
            "2012-01-01T01:02:03.5Z           | 2012-01-01T01:02:03.5Z",
            "2012-01-01T01:02:03.123456789Z   | 2012-01-01T01:02:03.123456789Z",
            "2012-01-01T01:02:03+01:00        | 2012-01-01T00:02:03Z",
            "2012-01-01T01:02:03.1234567-05:00 | 2012-01-01T06:02:03.1234567Z",
            "2012-01-01T01:02:03+0100         | 2012-01-01T00:02:03Z",
            "2012-01-01T01:02:03-05           | 2012-01-01T06:02:03Z",
            "2012-01-01t01:02:03z             | 2012-01-01T01:02:03Z",
            "2012-01-01T01:02:03              | 2012-01-01T01:02:03Z",
            "2012-01-01T01:02Z                | 2012-01-01T01:02:00Z",
            "2012-01-01T01:02:03 01:00        | 2012-01-01T00:02:03Z"
    })
    void parsesIso8601(String value, String expected) {
        assertThat(ClientFileTime.parse(value)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2012-01-01", "2012-13-01T00:00:00Z", "2012-01-01T25:00:00Z", "1325379723",
            "Thu, 32 Jan 1970 00:00:01 GMT", "Thu, 01 Foo 1970 00:00:01 GMT", "01/01/2012 01:02:03", "2012-01-01 01:02:03Z",
            "Thu, 01 Jan 1970 00:00:01"})
    void refusesEverythingElseNamingBothFormats(String value) {
        ApiErrors.badRequest(() -> ClientFileTime.parse(value), "clientFileTime '" + value + "'", "RFC 1123", "ISO 8601");
    }

    @ParameterizedTest
    @CsvSource({
            "2012-01-01T01:02:03.1234567Z, 2012-01-01T01:02:03.1234567Z",
            "2012-01-01T01:02:03Z, 2012-01-01T01:02:03.0000000Z",
            "1970-01-01T00:00:00Z, 1970-01-01T00:00:00.0000000Z",
            "1601-01-01T00:00:00Z, 1601-01-01T00:00:00.0000000Z",
            "2012-01-01T01:02:03.123456789Z, 2012-01-01T01:02:03.1234567Z",
            "2012-01-01T01:02:03.5Z, 2012-01-01T01:02:03.5000000Z"
    })
    void formatsIsoUtcWithSevenDigits(String instant, String expected) {
        assertThat(ClientFileTime.format(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void formatOfNullIsNull() {
        assertThat(ClientFileTime.format(null)).isNull();
    }

    @Test
    void roundTripsTheTitleBlobSample() {
        String sample = "2012-01-01T01:02:03.1234567Z";
        assertThat(ClientFileTime.format(ClientFileTime.parse(sample))).isEqualTo(sample);
    }

    @Test
    void rfc1123InputIsEmittedAsIso() {
        assertThat(ClientFileTime.format(ClientFileTime.parse("Tue, 13 Aug 2019 09:01:23 GMT"))).isEqualTo("2019-08-13T09:01:23.0000000Z");
    }
}
