package io.savepoint.transfer.peers;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.savepoint.grpc.v1.AuthorizeBlockUploadRequest;
import io.savepoint.grpc.v1.AuthorizeThumbnailUploadRequest;
import io.savepoint.grpc.v1.ClaimProcessingRequest;
import io.savepoint.grpc.v1.ClipCaller;
import io.savepoint.grpc.v1.ClipCatalogGrpc;
import io.savepoint.grpc.v1.CompleteUploadRequest;
import io.savepoint.grpc.v1.CompleteUploadResponse;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.grpc.v1.FinishProcessingResponse;
import io.savepoint.grpc.v1.GetUploadRequest;
import io.savepoint.grpc.v1.ProcessingWork;
import io.savepoint.grpc.v1.RecordThumbnailRequest;
import io.savepoint.grpc.v1.RefusalReason;
import io.savepoint.grpc.v1.ThumbnailGrant;
import io.savepoint.grpc.v1.ThumbnailKind;
import io.savepoint.grpc.v1.UploadGrant;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.ErrorCode;
import io.savepoint.protocol.GrpcConfig;

/**
 * metadata-service's ClipCatalog: who may store or process what. The catalog's refusals become the HTTP statuses of
 * the upload API (NOT_FOUND 404, PERMISSION_DENIED 403, an expired upload 410, a clip no longer pending 409, a block
 * out of range 400); a catalog that is down or slow propagates, and the shared mapper answers 503 + Retry-After.
 */
@ApplicationScoped
public class MetadataClipCatalogClient {

    @GrpcClient("clip-catalog")
    ClipCatalogGrpc.ClipCatalogBlockingStub catalog;

    @Inject
    GrpcConfig grpc;

    public UploadGrant authorizeBlock(Caller caller, String gameClipId, int blockNum, long blockSize) {
        return call(c -> c.authorizeBlockUpload(authorizeBlockRequest(caller, gameClipId, blockNum, blockSize)));
    }

    /**
     * Starts AuthorizeBlockUpload without waiting for it: the answer's {@code get} returns the grant or throws the refusal
     * {@link #authorizeBlock} would.
     */
    public Supplier<UploadGrant> startAuthorizeBlock(Caller caller, String gameClipId, int blockNum, long blockSize) {
        // The blocking stub's channel carries the service-token interceptor.
        ListenableFuture<UploadGrant> answer = ClipCatalogGrpc.newFutureStub(catalog.getChannel())
                .withDeadlineAfter(grpc.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .authorizeBlockUpload(authorizeBlockRequest(caller, gameClipId, blockNum, blockSize));
        return () -> {
            try {
                return answer.get();
            } catch (ExecutionException e) {
                throw translate(
                        e.getCause() instanceof StatusRuntimeException s ? s : Status.fromThrowable(e.getCause()).asRuntimeException());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.cancel(true);
                throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
            }
        };
    }

    private static AuthorizeBlockUploadRequest authorizeBlockRequest(Caller caller, String gameClipId, int blockNum, long blockSize) {
        return AuthorizeBlockUploadRequest.newBuilder().setCaller(clipCaller(caller)).setGameClipId(gameClipId).setBlockNum(blockNum)
                .setBlockSize(blockSize).build();
    }

    public UploadGrant upload(Caller caller, String gameClipId) {
        return call(c -> c.getUpload(GetUploadRequest.newBuilder().setCaller(clipCaller(caller)).setGameClipId(gameClipId).build()));
    }

    public CompleteUploadResponse completeUpload(String gameClipId, long size, String checksum) {
        return call(c -> c.completeUpload(CompleteUploadRequest.newBuilder().setGameClipId(gameClipId).setSize(size)
                .setChecksum(checksum).build()));
    }

    public ThumbnailGrant authorizeThumbnail(Caller caller, String gameClipId, ThumbnailKind kind, long size) {
        return call(c -> c.authorizeThumbnailUpload(AuthorizeThumbnailUploadRequest.newBuilder().setCaller(clipCaller(caller))
                .setGameClipId(gameClipId).setKind(kind).setSize(size).build()));
    }

    public void recordThumbnail(String gameClipId, ThumbnailKind kind, long size, String contentType) {
        call(c -> c.recordThumbnail(RecordThumbnailRequest.newBuilder().setGameClipId(gameClipId).setKind(kind).setSize(size)
                .setContentType(contentType).build()));
    }

    /** The next clip to process, if any. gRPC failures propagate untranslated: the worker is no HTTP request. */
    public ProcessingWork claimProcessing(String workerId) {
        return stub().claimProcessing(ClaimProcessingRequest.newBuilder().setWorkerId(workerId).build());
    }

    public FinishProcessingResponse finishProcessing(FinishProcessingRequest request) {
        return stub().finishProcessing(request);
    }

    private <T> T call(Function<ClipCatalogGrpc.ClipCatalogBlockingStub, T> rpc) {
        try {
            return rpc.apply(stub());
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    private ClipCatalogGrpc.ClipCatalogBlockingStub stub() {
        return catalog.withDeadlineAfter(grpc.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The HTTP refusal of a catalog answer, chosen by its code and typed reason (the description is only echoed);
     * unavailability and unforeseen codes are left to the shared mapper.
     */
    static RuntimeException translate(StatusRuntimeException e) {
        String description = e.getStatus().getDescription() == null ? e.getStatus().getCode().name() : e.getStatus().getDescription();
        return switch (e.getStatus().getCode()) {
            case NOT_FOUND -> ApiException.notFound(description);
            case PERMISSION_DENIED -> ApiException.forbidden(description);
            case FAILED_PRECONDITION -> refusalReason(e) == RefusalReason.UPLOAD_EXPIRED
                    ? new ApiException(410, ErrorCode.NOT_FOUND, "The upload has expired: " + description + " Start a new upload.")
                    : ApiException.conflict(description);
            case OUT_OF_RANGE, INVALID_ARGUMENT -> ApiException.badRequest(description);
            default -> e;
        };
    }

    /**
     * The reason of the catalog's google.rpc.ErrorInfo detail (clip_catalog.proto RefusalReason); UNSPECIFIED when the
     * status has none or names a reason this build does not know.
     */
    static RefusalReason refusalReason(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return RefusalReason.REFUSAL_REASON_UNSPECIFIED;
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    EnumValueDescriptor reason = RefusalReason.getDescriptor().findValueByName(detail.unpack(ErrorInfo.class).getReason());
                    return reason == null ? RefusalReason.REFUSAL_REASON_UNSPECIFIED : RefusalReason.valueOf(reason);
                } catch (InvalidProtocolBufferException ignored) {
                    return RefusalReason.REFUSAL_REASON_UNSPECIFIED;
                }
            }
        }
        return RefusalReason.REFUSAL_REASON_UNSPECIFIED;
    }

    private static ClipCaller clipCaller(Caller caller) {
        return ClipCaller.newBuilder().setXuid(caller.xuid()).setTitleId(caller.requireTitleId()).setSandboxId(caller.sandboxId())
                .setDeviceType(caller.deviceType()).setDeviceId(caller.deviceId()).build();
    }
}
