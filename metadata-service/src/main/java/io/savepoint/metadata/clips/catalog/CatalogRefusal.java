package io.savepoint.metadata.clips.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.savepoint.grpc.v1.RefusalReason;

/**
 * A ClipCatalog refusal (clip_catalog.proto): the gRPC status with a description for people and logs, and a
 * {@code google.rpc.ErrorInfo} detail whose reason is the {@link RefusalReason} callers act on.
 */
public final class CatalogRefusal {

    /** ErrorInfo.domain of every Savepoint refusal. */
    private static final String DOMAIN = "savepoint.io";

    private final Status.Code code;
    private final RefusalReason reason;
    private final String description;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private CatalogRefusal(Status.Code code, RefusalReason reason, String description) {
        this.code = code;
        this.reason = reason;
        this.description = description;
    }

    public static CatalogRefusal of(Status.Code code, RefusalReason reason, String description) {
        return new CatalogRefusal(code, reason, description);
    }

    /** NOT_FOUND for a clip id the catalog does not know. */
    public static StatusRuntimeException noClip(String gameClipId) {
        return of(Status.Code.NOT_FOUND, RefusalReason.CLIP_NOT_FOUND, "No clip " + gameClipId).exception();
    }

    /** A fact of the refusal (ErrorInfo metadata), e.g. {@code expires_at} or {@code state}. */
    public CatalogRefusal with(String key, Object value) {
        metadata.put(key, String.valueOf(value));
        return this;
    }

    public StatusRuntimeException exception() {
        ErrorInfo info = ErrorInfo.newBuilder().setReason(reason.name()).setDomain(DOMAIN).putAllMetadata(metadata).build();
        // com.google.rpc.Status is the wire form of a status with details; io.grpc.Status has no room for them.
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(code.value())
                .setMessage(description).addDetails(Any.pack(info)).build());
    }
}
