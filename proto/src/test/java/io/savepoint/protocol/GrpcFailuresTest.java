package io.savepoint.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.grpc.Status;

/** One list of transient gRPC codes: the REST answer and the retry policy follow it. */
class GrpcFailuresTest {

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "ABORTED", "UNIMPLEMENTED"})
    void transientFailuresAre503WithRetryAfter(Status.Code code) {
        assertThat(GrpcFailures.isTransient(code.toStatus().asRuntimeException())).isTrue();
        Response response = new ApiExceptionMappers().grpcFailure(code.toStatus().asRuntimeException());
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "ABORTED", "UNIMPLEMENTED", "OK"},
            mode = EnumSource.Mode.EXCLUDE)
    void refusalsAndBugsAreNotTransient(Status.Code code) {
        assertThat(GrpcFailures.isTransient(code.toStatus().asRuntimeException())).isFalse();
        assertThat(new ApiExceptionMappers().grpcFailure(code.toStatus().asRuntimeException()).getStatus()).isEqualTo(500);
    }

    @ParameterizedTest
    @EnumSource(Status.Code.class)
    void onlyAPeerThatIsNotThereIsRetriedAtOnce(Status.Code code) {
        assertThat(new GrpcFailures.RetryAtOnce().test(code.toStatus().asRuntimeException())).isEqualTo(code == Status.Code.UNAVAILABLE);
        assertThat(new GrpcFailures.RetryAtOnce().test(new IllegalStateException())).isFalse();
    }
}
