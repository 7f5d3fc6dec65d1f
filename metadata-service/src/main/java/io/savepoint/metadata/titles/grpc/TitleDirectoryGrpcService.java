package io.savepoint.metadata.titles.grpc;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.savepoint.grpc.v1.GetTitleRequest;
import io.savepoint.grpc.v1.ResolveScidRequest;
import io.savepoint.grpc.v1.Title;
import io.savepoint.grpc.v1.TitleDirectory;
import io.savepoint.metadata.titles.service.TitleService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Serves the title registry to storage-service and transfer-service. */
@GrpcService
public class TitleDirectoryGrpcService implements TitleDirectory {

    private final TitleService titles;

    TitleDirectoryGrpcService(TitleService titles) {
        this.titles = titles;
    }

    @Override
    @Blocking
    public Uni<Title> resolveScid(ResolveScidRequest request) {
        return Uni.createFrom().item(() -> titles.findByScid(request.getScid()).map(TitleMessages::toMessage)
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("No title owns SCID " + request.getScid()).asRuntimeException()));
    }

    @Override
    @Blocking
    public Uni<Title> getTitle(GetTitleRequest request) {
        return Uni.createFrom().item(() -> titles.find(request.getTitleId()).map(TitleMessages::toMessage)
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("Title " + request.getTitleId() + " is not registered")
                        .asRuntimeException()));
    }
}
