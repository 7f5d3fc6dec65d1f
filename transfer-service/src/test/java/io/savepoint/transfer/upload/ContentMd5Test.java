package io.savepoint.transfer.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.savepoint.protocol.ApiException;

class ContentMd5Test {

    /** MD5 of "hello". */
    static final String HEX = "5d41402abc4b2a76b9719d911017c592";

    @Test
    void base64AndHexNameTheSameDigest() {
        assertEquals(Optional.of(HEX), ContentMd5.hex("XUFAKrxLKna5cZ2REBfFkg=="));
        assertEquals(Optional.of(HEX), ContentMd5.hex(HEX.toUpperCase()));
        assertEquals(Optional.empty(), ContentMd5.hex(null));
        assertEquals(Optional.empty(), ContentMd5.hex(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XUFAKrxLKna5cZ2R", "not base64!", "5d41402abc4b2a76b9719d911017c59", "AAAA"})
    void anythingElseIs400(String header) {
        ApiException e = assertThrows(ApiException.class, () -> ContentMd5.hex(header));
        assertEquals(400, e.status());
    }
}
