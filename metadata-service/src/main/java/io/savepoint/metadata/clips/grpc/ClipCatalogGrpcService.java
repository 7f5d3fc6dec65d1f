package io.savepoint.metadata.clips.grpc;

import java.util.function.Supplier;

import io.quarkus.grpc.GrpcService;
import io.savepoint.grpc.v1.AuthorizeBlockUploadRequest;
import io.savepoint.grpc.v1.AuthorizeThumbnailUploadRequest;
import io.savepoint.grpc.v1.ClaimProcessingRequest;
import io.savepoint.grpc.v1.ClipCatalog;
import io.savepoint.grpc.v1.CompleteUploadRequest;
import io.savepoint.grpc.v1.CompleteUploadResponse;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.grpc.v1.FinishProcessingResponse;
import io.savepoint.grpc.v1.GetUploadRequest;
import io.savepoint.grpc.v1.ProcessingWork;
import io.savepoint.grpc.v1.RecordThumbnailRequest;
import io.savepoint.grpc.v1.RecordThumbnailResponse;
import io.savepoint.grpc.v1.ThumbnailGrant;
import io.savepoint.grpc.v1.UploadGrant;
import io.savepoint.metadata.clips.catalog.ClipStateMapper;
import io.savepoint.metadata.clips.processing.ClipProcessingCatalog;
import io.savepoint.metadata.clips.upload.ClipUploadCatalog;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Serves the clip catalog to transfer-service (clip_catalog.proto); the services answer gRPC statuses. */
@GrpcService
public class ClipCatalogGrpcService implements ClipCatalog {

    private final ClipUploadCatalog uploads;
    private final ClipProcessingCatalog processing;

    ClipCatalogGrpcService(ClipUploadCatalog uploads, ClipProcessingCatalog processing) {
        this.uploads = uploads;
        this.processing = processing;
    }

    @Override
    @Blocking
    public Uni<UploadGrant> authorizeBlockUpload(AuthorizeBlockUploadRequest request) {
        return answer(() -> uploads.authorizeBlock(request));
    }

    @Override
    @Blocking
    public Uni<UploadGrant> getUpload(GetUploadRequest request) {
        return answer(() -> uploads.getUpload(request.getCaller(), request.getGameClipId()));
    }

    @Override
    @Blocking
    public Uni<CompleteUploadResponse> completeUpload(CompleteUploadRequest request) {
        return answer(() -> uploads.complete(request));
    }

    @Override
    @Blocking
    public Uni<ThumbnailGrant> authorizeThumbnailUpload(AuthorizeThumbnailUploadRequest request) {
        return answer(() -> uploads.authorizeThumbnail(request));
    }

    @Override
    @Blocking
    public Uni<RecordThumbnailResponse> recordThumbnail(RecordThumbnailRequest request) {
        return answer(() -> {
            uploads.recordThumbnail(request);
            return RecordThumbnailResponse.getDefaultInstance();
        });
    }

    @Override
    @Blocking
    public Uni<ProcessingWork> claimProcessing(ClaimProcessingRequest request) {
        return answer(() -> processing.claim(request.getWorkerId()));
    }

    @Override
    @Blocking
    public Uni<FinishProcessingResponse> finishProcessing(FinishProcessingRequest request) {
        return answer(() -> FinishProcessingResponse.newBuilder()
                .setClipState(ClipStateMapper.toProto(processing.finish(request))).build());
    }

    private static <T> Uni<T> answer(Supplier<T> call) {
        return Uni.createFrom().item(call);
    }
}
