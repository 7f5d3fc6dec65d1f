package io.savepoint.protocol;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerResponse;

/**
 * The one place where errors become HTTP responses, with a {@link ServiceErrorResponse} body. A dependency that is
 * down or slow becomes 503 with Retry-After; anything unexpected is logged and answered 500 without internals.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);
    static final int DEPENDENCY_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = body(e.status(), e.errorCode(), e.getMessage());
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        if (e instanceof RangeNotSatisfiableException unsatisfiable) {
            response.header("Content-Range", "bytes */" + unsatisfiable.size()).header("Accept-Ranges", "bytes");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        String reason = e.getMessage() == null || e.getMessage().isBlank()
                ? "The token could not be verified (bad signature, expired, wrong issuer or malformed)."
                : "The token could not be verified: " + e.getMessage();
        return unauthorized(reason);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized(
                "Authentication required: send 'Authorization: XBL3.0 x=<userhash>;<token>' or 'Authorization: Bearer <token>'.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return body(403, ErrorCode.AUTHORIZATION, "Forbidden: the token does not carry the role this endpoint needs.").build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        StringBuilder message = new StringBuilder("Invalid request:");
        e.getConstraintViolations().forEach(v -> message.append(' ').append(lastNode(v.getPropertyPath().toString()))
                .append(' ').append(v.getMessage()).append(';'));
        return body(400, ErrorCode.INVALID_REQUEST, message.toString()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 401, 403 -> ErrorCode.AUTHORIZATION;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 412 -> ErrorCode.PRECONDITION_FAILED;
            default -> status >= 500 ? ErrorCode.SERVICE_ERROR : ErrorCode.INVALID_REQUEST;
        };
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getMessage() + ": " + e.getCause().getMessage() : e.getMessage();
        return body(status, code, message).build();
    }

    @ServerExceptionMapper
    public Response grpcFailure(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (GrpcFailures.isTransient(code)) {
            LOG.warnf("Dependency failed: %s", e.getStatus());
            return body(503, ErrorCode.SERVICE_UNAVAILABLE, "A backend service is unavailable (" + code + "); retry later.")
                    .header("Retry-After", DEPENDENCY_RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf(e, "Unexpected gRPC failure");
        return body(500, ErrorCode.SERVICE_ERROR, "Internal error calling a backend service (" + code + ").").build();
    }

    /**
     * Anything unforeseen: logged with its stack, answered without internals, still as a ServiceErrorResponse. A
     * response body that failed because the client hung up (a download abandoned halfway) is no failure of ours.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerResponse connection) {
        if (connection.closed()) {
            LOG.debugf("The client closed the connection before the response was complete: %s", e);
            return body(499, ErrorCode.SERVICE_ERROR, "The client closed the connection.").build();
        }
        LOG.error("Unexpected failure", e);
        return body(500, ErrorCode.SERVICE_ERROR, "Internal error; it has been logged.").build();
    }

    private static Response unauthorized(String message) {
        return body(401, ErrorCode.AUTHORIZATION, message)
                .header("WWW-Authenticate", XblAuthenticationMechanism.XBL_SCHEME).build();
    }

    private static Response.ResponseBuilder body(int status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ServiceErrorResponse(code.code, message));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
