package io.savepoint.protocol;

/**
 * A refusal a client should see as a 4xx/5xx with a {@link ServiceErrorResponse}. Services throw it (or a subclass)
 * from anywhere; {@link ApiExceptionMappers} turns it into the response, so resources never build error bodies.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final ErrorCode errorCode;
    private final Integer retryAfterSeconds;

    public ApiException(int status, ErrorCode errorCode, String message) {
        this(status, errorCode, message, null);
    }

    public ApiException(int status, ErrorCode errorCode, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCode.INVALID_REQUEST, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorCode.AUTHORIZATION, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorCode.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, ErrorCode.CONFLICT, message);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, ErrorCode.SERVICE_UNAVAILABLE, message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
