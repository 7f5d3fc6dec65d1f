package io.savepoint.storage.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.savepoint.grpc.v1.ResolveScidRequest;
import io.savepoint.grpc.v1.Title;
import io.savepoint.grpc.v1.TitleDirectoryGrpc;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.ServicePeer;

/**
 * The SCID lookup's retry policy (SmallRye Fault Tolerance, {@code GrpcFailures.RetryAtOnce}) against a real gRPC
 * TitleDirectory that fails on purpose: a peer that is not there is tried three times in all; a slow peer or a
 * refusal is not retried.
 */
@QuarkusTest
@TestProfile(MetadataTitleDirectoryRetryTest.FlakyDirectoryProfile.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
class MetadataTitleDirectoryRetryTest {

    /** JVM-wide, because the profile and the test class live in different class loaders. */
    private static final String PORT_PROPERTY = "savepoint.test.flaky-directory-port";

    public static class FlakyDirectoryProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String port = System.getProperties().computeIfAbsent(PORT_PROPERTY, k -> Integer.toString(ServicePeer.freePort())).toString();
            return Map.of("quarkus.grpc.clients.title-directory.host", "127.0.0.1",
                    "quarkus.grpc.clients.title-directory.port", port,
                    "quarkus.grpc.clients.title-directory.test-port", port);
        }
    }

    /** Answers ResolveScid for "unavailable-N" with UNAVAILABLE N times, then a title whose id is the number of calls. */
    static final class FlakyDirectory extends TitleDirectoryGrpc.TitleDirectoryImplBase {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public void resolveScid(ResolveScidRequest request, StreamObserver<Title> answer) {
            String scid = request.getScid();
            int call = calls.computeIfAbsent(scid, k -> new AtomicInteger()).incrementAndGet();
            String[] plan = scid.split("-");
            int failures = Integer.parseInt(plan[1]);
            if (call <= failures) {
                Status status = switch (plan[0]) {
                    case "unavailable" -> Status.UNAVAILABLE;
                    case "refused" -> Status.INVALID_ARGUMENT;
                    case "missing" -> Status.NOT_FOUND;
                    default -> Status.DEADLINE_EXCEEDED;
                };
                answer.onError(status.withDescription("planned failure " + call).asRuntimeException());
                return;
            }
            answer.onNext(Title.newBuilder().setTitleId(call).addScids(scid).build());
            answer.onCompleted();
        }
    }

    private static FlakyDirectory directory;
    private static Server server;

    @Inject
    MetadataTitleDirectoryClient client;

    @BeforeAll
    static void startDirectory() throws IOException {
        directory = new FlakyDirectory();
        server = NettyServerBuilder.forPort(Integer.parseInt(System.getProperty(PORT_PROPERTY))).addService(directory).build().start();
    }

    @AfterAll
    static void stopDirectory() {
        server.shutdownNow();
    }

    @Test
    void aPeerThatIsNotThereIsTriedThreeTimes() {
        assertThat(client.resolveScid("unavailable-1")).map(Title::getTitleId).contains(2L);
        assertThat(client.resolveScid("unavailable-2")).map(Title::getTitleId).contains(3L);
        assertThatThrownBy(() -> client.resolveScid("unavailable-3")).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThat(directory.calls.get("unavailable-3")).hasValue(3);
    }

    @Test
    void refusalsAndSlowAnswersAreNotRetried() {
        assertThatThrownBy(() -> client.resolveScid("refused-1")).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> client.resolveScid("slow-1")).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(client.resolveScid("missing-1")).isEmpty();
        assertThat(directory.calls.get("refused-1")).hasValue(1);
        assertThat(directory.calls.get("slow-1")).hasValue(1);
        assertThat(directory.calls.get("missing-1")).hasValue(1);
    }

    @Test
    void answersAreCachedFailuresAreNot() {
        assertThat(client.resolveScid("unavailable-0")).map(Title::getTitleId).contains(1L);
        assertThat(client.resolveScid("unavailable-0")).map(Title::getTitleId).contains(1L);
        assertThat(directory.calls.get("unavailable-0")).hasValue(1);
    }
}
