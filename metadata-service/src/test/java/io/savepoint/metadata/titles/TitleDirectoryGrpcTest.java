package io.savepoint.metadata.titles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.grpc.v1.GetTitleRequest;
import io.savepoint.grpc.v1.ReadAccess;
import io.savepoint.grpc.v1.ResolveScidRequest;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.grpc.v1.Title;
import io.savepoint.grpc.v1.TitleDirectoryGrpc;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/** TitleDirectory over real gRPC, through the service-token interceptors. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class TitleDirectoryGrpcTest {

    @GrpcClient("title-directory")
    TitleDirectoryGrpc.TitleDirectoryBlockingStub directory;

    @Test
    void resolvesAScidToItsTitleAndPolicies() {
        Title title = directory.resolveScid(ResolveScidRequest.newBuilder().setScid(TestTitles.SCID.toUpperCase()).build());
        assertThat(title.getTitleId()).isEqualTo(TestTitles.TITLE_ID);
        assertThat(title.getSandboxIdsList()).containsExactly("XDKS.1", "RETAIL");
        assertThat(title.getDisplayNamesMap()).containsEntry("en-US", "Savepoint Test Title");
        assertThat(title.getClipNamesList()).singleElement()
                .satisfies(c -> assertThat(c.getLocalizedMap()).containsEntry("fr-FR", "Série d'éliminations"));
        assertThat(title.getStoragePoliciesList()).anySatisfy(p -> {
            assertThat(p.getFamily()).isEqualTo(StorageFamily.UNIVERSAL);
            assertThat(p.getReadAccess()).isEqualTo(ReadAccess.EVERYONE);
            assertThat(p.getQuotaBytes()).isEqualTo(64L << 20);
        });
        assertThat(title.getStoragePoliciesList()).hasSize(6);
    }

    @Test
    void unknownScidOrTitleIsNotFound() {
        assertThatThrownBy(() -> directory.resolveScid(ResolveScidRequest.newBuilder().setScid(TestTitles.UNREGISTERED_SCID).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(directory.getTitle(GetTitleRequest.newBuilder().setTitleId(TestTitles.OTHER_TITLE_ID).build()).getScidsList())
                .containsExactly(TestTitles.OTHER_SCID);
    }

    @Test
    void callsWithoutAServiceTokenAreRefused() {
        var channel = ManagedChannelBuilder.forTarget(directory.getChannel().authority()).usePlaintext().build();
        try {
            assertThatThrownBy(() -> TitleDirectoryGrpc.newBlockingStub(channel)
                    .resolveScid(ResolveScidRequest.newBuilder().setScid(TestTitles.SCID).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow();
        }
    }
}
