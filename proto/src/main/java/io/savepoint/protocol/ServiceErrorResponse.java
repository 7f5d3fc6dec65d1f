package io.savepoint.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The error body of the Xbox Live REST services: {@code {"errorCode": 8377, "errorMessage": "…"}} (spec C.12). */
@RegisterForReflection
public record ServiceErrorResponse(Integer errorCode, String errorMessage) {
}
