package io.savepoint.storage.titlestorage.rules;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.savepoint.protocol.ApiException;

/**
 * Body of the batch download POST, {@code {"xuids":[12345,45678,78901]}} (spec B.6, C.16). XUIDs are unsigned 64-bit
 * integers sent as JSON numbers. They are held in {@code Long}: values up to {@link Long#MAX_VALUE} as is, larger ones
 * (up to 2^64-1) wrapped two's-complement by {@link UnsignedLongDeserializer} and printed back with
 * {@link Long#toUnsignedString(long)}; so a negative {@code Long} here means a XUID ≥ 2^63, never a negative JSON
 * number (those, fractions and values ≥ 2^64 are refused while deserializing, a 400).
 */
@RegisterForReflection
public record BatchDownloadRequest(@JsonDeserialize(contentUsing = UnsignedLongDeserializer.class) List<Long> xuids) {

    /**
     * The XUIDs to fetch as decimal strings, duplicates removed keeping first-seen order. A missing body, a missing or
     * empty {@code xuids}, a {@code null} entry, or more than {@code max} entries is a 400 ({@code max} is ours: B.6
     * documents no limit).
     */
    public static List<String> validatedXuids(BatchDownloadRequest body, int max) {
        if (body == null || body.xuids() == null || body.xuids().isEmpty()) {
            throw ApiException.badRequest("Batch download body must be {\"xuids\":[…]} with at least one xuid");
        }
        if (body.xuids().size() > max) {
            throw ApiException.badRequest("Batch download lists " + body.xuids().size() + " xuids; the limit is " + max);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < body.xuids().size(); i++) {
            Long xuid = body.xuids().get(i);
            if (xuid == null) {
                throw ApiException.badRequest("Batch download xuids[" + i + "] is null; each xuid must be an unsigned 64-bit number");
            }
            unique.add(Long.toUnsignedString(xuid));
        }
        return List.copyOf(unique); // keeps the LinkedHashSet order
    }

    /**
     * Reads an unsigned 64-bit JSON integer (or a string of decimal digits) into a {@code long}, wrapping values above
     * {@link Long#MAX_VALUE}. Negative numbers, fractions and values ≥ 2^64 are refused as invalid input.
     */
    @RegisterForReflection
    public static final class UnsignedLongDeserializer extends StdScalarDeserializer<Long> {

        private static final long serialVersionUID = 1L;
        private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

        public UnsignedLongDeserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                BigInteger value = p.getBigIntegerValue();
                if (value.signum() < 0 || value.compareTo(MAX_UNSIGNED) > 0) {
                    return (Long) ctxt.handleWeirdNumberValue(Long.class, value, "xuid must be an unsigned 64-bit integer");
                }
                return value.longValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                try {
                    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        return Long.parseUnsignedLong(text);
                    }
                } catch (NumberFormatException e) {
                    // fall through
                }
                return (Long) ctxt.handleWeirdStringValue(Long.class, text, "xuid must be an unsigned 64-bit integer");
            }
            return (Long) ctxt.handleUnexpectedToken(Long.class, p);
        }
    }
}
