package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.ErrorCode;

/** Assertions on the {@link ApiException} every rule throws. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** Asserts a 400 INVALID_REQUEST whose message contains every fragment; returns the exception. */
    static ApiException badRequest(ThrowingCallable call, String... fragments) {
        return error(call, 400, ErrorCode.INVALID_REQUEST, fragments);
    }

    static ApiException error(ThrowingCallable call, int status, ErrorCode code, String... fragments) {
        ApiException[] caught = new ApiException[1];
        var thrown = assertThatThrownBy(call)
                .isInstanceOf(ApiException.class)
                .satisfies(t -> {
                    ApiException e = (ApiException) t;
                    caught[0] = e;
                    assertThat(e.status()).as("status of: %s", e.getMessage()).isEqualTo(status);
                    assertThat(e.errorCode()).as("code of: %s", e.getMessage()).isEqualTo(code);
                });
        if (fragments.length > 0) {
            thrown.message().contains(fragments);
        }
        return caught[0];
    }
}
