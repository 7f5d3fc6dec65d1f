package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.runtime.annotations.RegisterForReflection;

class BatchDownloadRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static BatchDownloadRequest read(String json) throws Exception {
        return MAPPER.readValue(json, BatchDownloadRequest.class);
    }

    @Test
    void readsTheDocSample() throws Exception {
        BatchDownloadRequest body = read("{\n    \"xuids\" : \n    [\n      12345,\n      45678,\n      78901\n    ]\n}");
        assertThat(body.xuids()).containsExactly(12345L, 45678L, 78901L);
        assertThat(BatchDownloadRequest.validatedXuids(body, 100)).containsExactly("12345", "45678", "78901");
    }

    @Test
    void realXuidsFit() throws Exception {
        assertThat(BatchDownloadRequest.validatedXuids(read("{\"xuids\":[2533274790395904]}"), 10)).containsExactly("2533274790395904");
    }

    @Test
    void fullUnsigned64BitRangeRoundTrips() throws Exception {
        BatchDownloadRequest body = read("{\"xuids\":[9223372036854775807,9223372036854775808,18446744073709551615,0]}");
        assertThat(BatchDownloadRequest.validatedXuids(body, 10))
                .containsExactly("9223372036854775807", "9223372036854775808", "18446744073709551615", "0");
    }

    @Test
    void numericStringsAreAccepted() throws Exception {
        assertThat(BatchDownloadRequest.validatedXuids(read("{\"xuids\":[\"123\", \"18446744073709551615\"]}"), 10))
                .containsExactly("123", "18446744073709551615");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "18446744073709551616", "\"-5\"", "\"abc\"", "\"\""})
    void outOfRangeOrNonNumericXuidsAreRefusedWhileDeserializing(String xuid) {
        assertThatThrownBy(() -> read("{\"xuids\":[" + xuid + "]}")).isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("unsigned 64-bit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "true", "{}", "[1]"})
    void otherTokensAreRefusedWhileDeserializing(String xuid) {
        assertThatThrownBy(() -> read("{\"xuids\":[" + xuid + "]}")).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void duplicatesAreRemovedKeepingOrder() {
        var body = new BatchDownloadRequest(List.of(3L, 1L, 3L, 2L, 1L));
        assertThat(BatchDownloadRequest.validatedXuids(body, 5)).containsExactly("3", "1", "2");
    }

    @Test
    void negativeLongIsTheWrappedUnsignedValue() {
        assertThat(BatchDownloadRequest.validatedXuids(new BatchDownloadRequest(List.of(-1L)), 1)).containsExactly("18446744073709551615");
    }

    @Test
    void missingBodyOrXuidsIsA400() throws Exception {
        ApiErrors.badRequest(() -> BatchDownloadRequest.validatedXuids(null, 10), "xuids");
        ApiErrors.badRequest(() -> BatchDownloadRequest.validatedXuids(read("{}"), 10), "at least one xuid");
        ApiErrors.badRequest(() -> BatchDownloadRequest.validatedXuids(read("{\"xuids\":null}"), 10), "at least one xuid");
        ApiErrors.badRequest(() -> BatchDownloadRequest.validatedXuids(read("{\"xuids\":[]}"), 10), "at least one xuid");
    }

    @Test
    void nullEntryIsA400() throws Exception {
        ApiErrors.badRequest(() -> BatchDownloadRequest.validatedXuids(read("{\"xuids\":[1,null]}"), 10), "xuids[1] is null");
        ApiErrors.badRequest(
                () -> BatchDownloadRequest.validatedXuids(new BatchDownloadRequest(new ArrayList<>(Arrays.asList(1L, null))), 10),
                "xuids[1] is null");
    }

    @Test
    void maxIsInclusive() {
        List<Long> hundred = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            hundred.add(i);
        }
        assertThat(BatchDownloadRequest.validatedXuids(new BatchDownloadRequest(hundred), 100)).hasSize(100);
        hundred.add(101L);
        ApiErrors.badRequest(() -> BatchDownloadRequest.validatedXuids(new BatchDownloadRequest(hundred), 100), "101 xuids",
                "limit is 100");
    }

    @Test
    void isRegisteredForReflection() {
        assertThat(BatchDownloadRequest.class.isAnnotationPresent(RegisterForReflection.class)).isTrue();
        assertThat(BatchDownloadRequest.UnsignedLongDeserializer.class.isAnnotationPresent(RegisterForReflection.class)).isTrue();
    }
}
