package io.savepoint.protocol;

/** Values of {@code ServiceErrorResponse.errorCode}, following the Xbox Live ServiceError codes (spec C.12). */
public enum ErrorCode {
    INVALID_REQUEST(4000),
    NOT_FOUND(4040),
    CONFLICT(4090),
    PRECONDITION_FAILED(4120),
    AUTHORIZATION(4500),
    SERVICE_ERROR(5000),
    SERVICE_UNAVAILABLE(5300);

    public final int code;

    ErrorCode(int code) {
        this.code = code;
    }
}
