package io.savepoint.storage.titlestorage.rules;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.savepoint.protocol.ApiException;

/**
 * The tree mapper shared by {@link JsonSelect} and {@link ConfigResolver}. It keeps numbers exactly as stored
 * (decimals as {@code BigDecimal} with their trailing zeros), because a select or a config resolution must not
 * change the values a title saved.
 */
final class JsonTrees {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonTrees() {
    }

    /** Parses a stored document; a body that is not JSON is a 400 saying what {@code operation} needed. */
    static JsonNode read(byte[] json, String operation) {
        if (json == null || json.length == 0) {
            throw ApiException.badRequest(operation + " needs a JSON document, but the blob is empty");
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest(operation + " needs a JSON document, but the blob is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(operation + " needs a JSON document, but the blob is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact UTF-8 serialization. */
    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a JSON tree", e);
        }
    }
}
