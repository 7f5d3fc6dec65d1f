package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.testing.OtlpTraceCollector;
import io.savepoint.testing.TestTitles;
import io.savepoint.testing.TracedPeersResource;

/**
 * Traces and metrics of a clip upload across the three real services: one trace id from the block PUT through
 * metadata-service and storage-service, and the Prometheus metrics each service exposes for it.
 */
@QuarkusTest
@WithTestResource(TracedPeersResource.class)
class ObservabilityTest {

    private static final Set<String> SERVICES = Set.of("transfer-service", "metadata-service", "storage-service");

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @ConfigProperty(name = "savepoint.test.storage-url")
    String storageUrl;

    OtlpTraceCollector collector;

    @Test
    void aBlockUploadIsOneTraceThroughAllThreeServices() {
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000701", video.length, 1, n -> {});
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);

        TestClips.as(clip.xuid()).header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType("application/octet-stream").body(video).queryParam("blockNum", 0)
                .when().put(clip.uploadPath()).then().statusCode(201);

        List<OtlpTraceCollector.Span> trace = collector.awaitTrace(traceId,
                spans -> services(spans).containsAll(SERVICES) && isOneTree(spans, callerSpanId), Duration.ofSeconds(30));
        assertThat(services(trace)).as("services with spans in trace %s: %s", traceId, trace).containsAll(SERVICES);
        assertThat(isOneTree(trace, callerSpanId)).as("every span's parent is in the trace: %s", trace).isTrue();
        assertThat(trace).as("the peers' gRPC server spans").anySatisfy(span -> {
            assertThat(span.service()).isEqualTo("metadata-service");
            assertThat(span.name()).endsWith("ClipCatalog/AuthorizeBlockUpload");
        }).anySatisfy(span -> {
            assertThat(span.service()).isEqualTo("storage-service");
            assertThat(span.name()).endsWith("BlobStore/StageBlock");
        });
    }

    @Test
    void eachServiceExposesRouteTemplatesUploadAndGrpcMetrics() {
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000702", video.length, 1, n -> {});
        TestClips.putBlock(clip, 7, video).then().statusCode(400);
        TestClips.putBlock(clip, 0, video).then().statusCode(201);

        String transfer = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(transfer)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*status=\"201\"[^}]*"
                                + "uri=\"/upload/\\{owner\\}/\\{gameClipId\\}/container\"")
                .doesNotContain(clip.gameClipId())
                .containsPattern("grpc_client_processing_duration_seconds_count\\{[^}]*method=\"AuthorizeBlockUpload\"")
                .contains("savepoint_uploads_active{application=\"transfer-service\"} 0.0");
        assertThat(sample(transfer, "savepoint_upload_bytes_total{application=\"transfer-service\"}")).isGreaterThanOrEqualTo(video.length);
        assertThat(sample(transfer, "savepoint_upload_blocks_total{application=\"transfer-service\",outcome=\"completed\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(transfer, "savepoint_upload_blocks_total{application=\"transfer-service\",outcome=\"rejected\"}"))
                .isGreaterThanOrEqualTo(1);

        String storage = given().baseUri(storageUrl).when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(storage).containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*method=\"StageBlock\"")
                .contains("savepoint_quota_used_bytes{application=\"storage-service\",family=\"GAME_CLIPS\"}");
        String metadata = given().baseUri(metadataUrl).when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metadata).containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*method=\"AuthorizeBlockUpload\"")
                .contains("savepoint_clips_in_pipeline{application=\"metadata-service\",state=\"Uploaded\"}")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/users/\\{ownerId\\}/scids/\\{scid\\}/clips\"");

        // quota totals are refreshed every 30 s
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        double clipBytes = 0;
        while (clipBytes < video.length && System.nanoTime() < deadline) {
            sleep(1000);
            clipBytes = sample(given().baseUri(storageUrl).when().get("/q/metrics").then().extract().asString(),
                    "savepoint_quota_used_bytes{application=\"storage-service\",family=\"GAME_CLIPS\"}");
        }
        assertThat(clipBytes).as("GAME_CLIPS quota usage after a committed clip").isGreaterThanOrEqualTo(video.length);
    }

    @Test
    void everyCacheOfTheThreeServicesIsBoundedAndMeasured() {
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000703", video.length, 2, n -> {});
        TestClips.putBlock(clip, 0, Arrays.copyOf(video, video.length / 2)).then().statusCode(202);
        TestClips.putBlock(clip, 1, Arrays.copyOfRange(video, video.length / 2, video.length)).then().statusCode(201);
        TestClips.gameClip(metadataUrl, clip);
        TestClips.gameClip(metadataUrl, clip);
        TestClips.as(clip.xuid()).baseUri(storageUrl).when()
                .get("/trustedplatform/users/xuid(" + clip.xuid() + ")/scids/" + TestTitles.SCID)
                .then().statusCode(200);

        Map<String, List<String>> caches = Map.of(
                "", List.of("verified-tokens", "upload-grants"),
                metadataUrl, List.of("verified-tokens", "titles", "titles-by-scid", "clip-json"),
                storageUrl, List.of("verified-tokens", "titles-by-scid"));
        caches.forEach((service, names) -> {
            String scrape = (service.isEmpty() ? given() : given().baseUri(service)).when().get("/q/metrics").then().statusCode(200)
                    .extract().asString();
            for (String name : names) {
                assertThat(scrape).as("cache %s of %s", name, service.isEmpty() ? "transfer" : service)
                        .containsPattern("cache_gets_total\\{[^}]*cache=\"" + name + "\"[^}]*result=\"hit\"")
                        .containsPattern("cache_gets_total\\{[^}]*cache=\"" + name + "\"[^}]*result=\"miss\"")
                        .containsPattern("cache_size\\{[^}]*cache=\"" + name + "\"")
                        .containsPattern("cache_evictions_total\\{[^}]*cache=\"" + name + "\"");
            }
        });
    }

    private static Set<String> services(List<OtlpTraceCollector.Span> spans) {
        return spans.stream().map(OtlpTraceCollector.Span::service).collect(Collectors.toSet());
    }

    /** Every span's parent is another span of the trace, or the caller's span from the traceparent header. */
    private static boolean isOneTree(List<OtlpTraceCollector.Span> spans, String callerSpanId) {
        Set<String> ids = spans.stream().map(OtlpTraceCollector.Span::spanId).collect(Collectors.toSet());
        return !spans.isEmpty()
                && spans.stream().allMatch(span -> ids.contains(span.parentSpanId()) || span.parentSpanId().equals(callerSpanId));
    }

    /** The value of the Prometheus sample {@code series} (name and labels as exposed, exemplar ignored); 0 when absent. */
    private static double sample(String scrape, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)( #.*)?$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
