package io.savepoint.protocol;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The one definition of what a failed gRPC call to a peer means for its caller, so the REST answer (503 +
 * Retry-After), a background worker (try again at the next poll) and a retry policy agree.
 */
public final class GrpcFailures {

    /**
     * The peer could not do the call now, and the same call may succeed later: it is down or restarting
     * (UNAVAILABLE), slow (DEADLINE_EXCEEDED), lost a race it reports as such (ABORTED, when the caller did not map it
     * to a conflict), or is an older version mid-deploy (UNIMPLEMENTED).
     */
    private static final Set<Status.Code> TRANSIENT = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED, Status.Code.UNIMPLEMENTED);

    private GrpcFailures() {
    }

    /** Whether the failure is {@link #TRANSIENT}: a refusal (NOT_FOUND, INVALID_ARGUMENT, …) is not. */
    public static boolean isTransient(Throwable failure) {
        return failure instanceof StatusRuntimeException e && TRANSIENT.contains(e.getStatus().getCode());
    }

    public static boolean isTransient(Status.Code code) {
        return TRANSIENT.contains(code);
    }

    /**
     * Worth retrying at once, for an idempotent call: no live server took it (UNAVAILABLE). Slow or refused calls are
     * not retried, so a struggling peer does not get more load. For {@code @RetryWhen(exception = …)}.
     */
    public static final class RetryAtOnce implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable failure) {
            return failure instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.UNAVAILABLE;
        }
    }
}
