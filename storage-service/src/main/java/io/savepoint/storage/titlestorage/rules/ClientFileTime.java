package io.savepoint.storage.titlestorage.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

import io.savepoint.protocol.ApiException;

/**
 * The {@code clientFileTime} query parameter of an upload and the {@code TitleBlob.clientFileTime} field (spec B.4, C.15).
 * XSAPI sends RFC 1123 ({@code Thu, 01 Jan 1970 00:00:01 GMT}, URL-encoded, which JAX-RS decodes before we see it),
 * while TitleBlob carries ISO 8601 with 7 fractional digits ({@code 2012-01-01T01:02:03.1234567Z}). Both are accepted
 * (B.4 "contradiction on clientFileTime"); the output is always the ISO 8601 form, which XSAPI requires when listing.
 */
public final class ClientFileTime {

    /** {@code 2012-01-01T01:02:03.1234567Z}: UTC, exactly 7 fractional digits (100 ns ticks, like .NET). */
    private static final DateTimeFormatter OUTPUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 7, 7, true)
            .appendLiteral('Z')
            .toFormatter(Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** ISO 8601 date-time, fraction of 0–9 digits, offset {@code Z}, {@code +01:00}, {@code +0100}, {@code -05}, or none (UTC). */
    private static final DateTimeFormatter ISO_INPUT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXXXX][XX][X]")
            .toFormatter(Locale.ROOT);

    private static final Pattern PLUS_DECODED_AS_SPACE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[Tt][0-9:.]+ \\d{2}(:?\\d{2})?$");

    private static final Pattern WEEKDAY_PREFIX = Pattern.compile("^[A-Za-z]{3},\\s*");

    private ClientFileTime() {
    }

    /**
     * Parses RFC 1123 or ISO 8601; {@code null} or blank gives {@code null}. An ISO value without an offset is taken
     * as UTC; an offset whose {@code +} arrived as a space (form decoding of an unencoded query) is repaired. A wrong
     * weekday in an RFC 1123 value is ignored (the date is what counts). Anything else is a 400.
     */
    public static Instant parse(String value) {
        Instant instant = parseAnyYear(value);
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw ApiException.badRequest("clientFileTime '" + value + "' must be between the years 1601 and 9999.");
        }
        return instant;
    }

    /** Windows file times start in 1601; PostgreSQL and ISO 8601 text stop at 9999. */
    private static final Instant EARLIEST = Instant.parse("1601-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.9999999Z");

    private static Instant parseAnyYear(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (PLUS_DECODED_AS_SPACE.matcher(text).matches()) {
            text = text.replace(' ', '+'); // an unencoded '+' offset that form-decoding turned into a space
        }
        try {
            TemporalAccessor parsed = ISO_INPUT.parse(text);
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
            return OffsetDateTime.of(LocalDateTime.from(parsed), offset).toInstant();
        } catch (DateTimeException notIso) {
            // try RFC 1123 below
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException notRfc1123) {
            // perhaps only the weekday is wrong
        }
        String withoutWeekday = WEEKDAY_PREFIX.matcher(text).replaceFirst("");
        if (!withoutWeekday.equals(text)) {
            try {
                return ZonedDateTime.parse(withoutWeekday, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeException ignored) {
                // fall through to the error naming both formats
            }
        }
        throw invalid(value);
    }

    /** ISO 8601 UTC with exactly 7 fractional digits, e.g. {@code 2012-01-01T01:02:03.1234567Z}; {@code null} stays null. */
    public static String format(Instant instant) {
        return instant == null ? null : OUTPUT.format(instant);
    }

    private static ApiException invalid(String value) {
        return ApiException.badRequest("clientFileTime " + Values.q(value)
                + " is neither RFC 1123 (e.g. 'Thu, 01 Jan 1970 00:00:01 GMT') nor ISO 8601 (e.g. '2012-01-01T01:02:03.1234567Z')");
    }
}
