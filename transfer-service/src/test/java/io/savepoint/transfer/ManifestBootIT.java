package io.savepoint.transfer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.RepoPaths;
import io.savepoint.testing.ServicePeer;
import io.savepoint.testing.TestDatabase;
import io.savepoint.testing.TestTitles;

/**
 * The Kubernetes overlays run as rendered: each service's packaged jar starts in the production profile with only the
 * environment its Deployment gives it (ConfigMaps, Secrets of the overlay or, for prod, the operator's from
 * operator-secrets.yaml, mounted files), becomes ready, and serves a GameClips and a Title Storage round trip. What a
 * pod has that this machine has not is replaced by {@link Cluster#localValues the table of local stand-ins}, and nothing
 * else, so a setting a service needs that the manifests lack makes a service refuse to start or a round trip fail here.
 */
class ManifestBootIT {

    /** Every overlay, and whether the operator creates the Secrets it references (else it renders them itself). */
    static final Map<String, Boolean> OPERATOR_CREATES_SECRETS = Map.of("dev", false, "prod", true, "prod-s3", true);

    /** The startup probes allow 3 minutes; JVMs starting side by side on a busy 2-core machine need up to 2. */
    static final Duration READY = Duration.ofSeconds(150);

    @Test
    void everyOverlayIsCoveredHere() throws IOException {
        try (Stream<Path> overlays = Files.list(RepoPaths.root().resolve(RenderedOverlay.OVERLAYS))) {
            assertThat(overlays.map(o -> o.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(OPERATOR_CREATES_SECRETS.keySet());
        }
    }

    @Test
    void theOperatorSecretsFixtureHoldsExactlyTheKeysTheOverlaysRead() {
        OperatorSecrets fixture = OperatorSecrets.fixture();
        OPERATOR_CREATES_SECRETS.forEach((name, operatorCreates) -> {
            if (operatorCreates) {
                RenderedOverlay overlay = RenderedOverlay.render(name, fixture);
                overlay.deployments().forEach(deployment -> {
                    overlay.environment(deployment);
                    overlay.mounts(deployment);
                });
            }
        });
        assertThat(fixture.unreferenced()).as("keys of %s that no overlay reads", OperatorSecrets.FIXTURE).isEmpty();
    }

    /**
     * prod-s3 differs from prod only in storage-service's block store; it is rendered and its Secret references are
     * checked above, but not booted: that would need a third boot and an s3proxy, beyond this test's time budget.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOverlayBootsAndServesGameClipsAndTitleStorage(String name) throws IOException {
        try (Cluster cluster = new Cluster(RenderedOverlay.render(name,
                OPERATOR_CREATES_SECRETS.get(name) ? OperatorSecrets.fixture() : OperatorSecrets.none()))) {
            cluster.start();
            registerTestTitle(cluster.url("metadata-service"));
            clipRoundTrip(cluster);
            titleStorageRoundTrip(cluster.url("storage-service"));
        }
    }

    /** Titles are the operator's to create in prod (no titles file): the operator API, as the deploy README says. */
    static void registerTestTitle(String metadataUrl) throws IOException {
        JsonNode title = new ObjectMapper().readTree(TestTitles.file().toFile()).get(0);
        given().baseUri(metadataUrl).auth().oauth2(DevTokens.operator().sign()).contentType("application/json").body(title.toString())
                .when().put("/admin/titles/{titleId}", TestTitles.TITLE_ID).then().log().ifValidationFails().statusCode(201);
    }

    /** Upload to the URI metadata answers (the Ingress URL, here the local transfer-service), published, downloaded. */
    static void clipRoundTrip(Cluster cluster) {
        String transferUrl = cluster.url("transfer-service");
        byte[] video = TestClips.video();
        TestClips.Clip clip = TestClips.start(cluster.url("metadata-service"), "2533274800000931", video.length, 2, n -> {});
        assertThat(clip.uploadUri()).startsWith(transferUrl + "/upload/");
        List<byte[]> blocks = TestClips.split(video, 2);
        TestClips.putBlock(clip.xuid(), clip.uploadUri(), 0, blocks.get(0)).then().statusCode(202);
        TestClips.putBlock(clip.xuid(), clip.uploadUri(), 1, blocks.get(1)).then().statusCode(201);
        assertThat(TestClips.awaitProcessed(clip.xuid(), clip.uploadUri(), Duration.ofSeconds(90))).isEqualTo("Published");
        JsonPath published = TestClips.gameClip(cluster.url("metadata-service"), clip);
        String download = TestClips.uriWhere(published, "gameClipUris", "uriType", "Download");
        assertThat(download).startsWith(transferUrl + "/");
        byte[] downloaded = given().when().get(download).then().statusCode(200).extract().asByteArray();
        assertThat(TestClips.sha256(downloaded)).isEqualTo(TestClips.sha256(video));
    }

    static void titleStorageRoundTrip(String storageUrl) {
        String xuid = "2533274800000932";
        String blob = "/universalplatform/users/xuid(" + xuid + ")/scids/" + TestTitles.SCID + "/data/saves/slot.dat,binary";
        byte[] content = "saved by the manifests' storage-service".getBytes(StandardCharsets.UTF_8);
        String auth = "XBL3.0 x=-;" + DevTokens.user(xuid, TestTitles.TITLE_ID, TestTitles.SANDBOX).sign();
        given().baseUri(storageUrl).header("Authorization", auth).header("x-xbl-contract-version", "1")
                .contentType("application/octet-stream").body(content).when().put(blob + "?finalBlock=true")
                .then().log().ifValidationFails().statusCode(201);
        assertThat(given().baseUri(storageUrl).header("Authorization", auth).header("x-xbl-contract-version", "1")
                .when().get(blob).then().statusCode(200).extract().asByteArray()).isEqualTo(content);
    }

    /** The overlay's Deployments as local processes, with their databases, ports and mounted files. */
    static final class Cluster implements AutoCloseable {

        private final RenderedOverlay overlay;
        private final Path pods;
        private final Map<Integer, Integer> localPorts = new LinkedHashMap<>();
        private final Map<String, TestDatabase> databases = new LinkedHashMap<>();
        private final List<ServicePeer> running = new ArrayList<>();

        Cluster(RenderedOverlay overlay) throws IOException {
            this.overlay = overlay;
            this.pods = Files.createTempDirectory("savepoint-" + overlay.name + "-pods-");
        }

        /**
         * The only values that differ from the manifests, by variable: a pod's ports, its peers' Service names, its
         * database, its mounted files and the public URL of the Ingress become free local ports, 127.0.0.1, a fresh
         * database, temporary copies and the local transfer-service. Every other variable reaches the service as rendered.
         */
        private Map<String, UnaryOperator<String>> localValues(String service) {
            UnaryOperator<String> port = this::localPort;
            UnaryOperator<String> serviceHost = host -> {
                assertThat(overlay.hasService(host)).as("%s renders a Service %s", overlay.name, host).isTrue();
                return "127.0.0.1";
            };
            UnaryOperator<String> mountedFile = path -> mounted(service, path);
            return Map.ofEntries(
                    Map.entry("SAVEPOINT_METADATA_HTTP_PORT", port),
                    Map.entry("SAVEPOINT_TRANSFER_HTTP_PORT", port),
                    Map.entry("SAVEPOINT_STORAGE_HTTP_PORT", port),
                    Map.entry("SAVEPOINT_METADATA_GRPC_PORT", port),
                    Map.entry("SAVEPOINT_STORAGE_GRPC_PORT", port),
                    Map.entry("SAVEPOINT_METADATA_GRPC_HOST", serviceHost),
                    Map.entry("SAVEPOINT_STORAGE_GRPC_HOST", serviceHost),
                    Map.entry("QUARKUS_DATASOURCE_JDBC_URL", url -> database(service).jdbcUrl()),
                    Map.entry("QUARKUS_DATASOURCE_USERNAME", user -> TestDatabase.USER),
                    Map.entry("QUARKUS_DATASOURCE_PASSWORD", password -> TestDatabase.PASSWORD),
                    Map.entry("SAVEPOINT_JWT_PUBLIC_KEY_LOCATION", mountedFile),
                    Map.entry("SAVEPOINT_STORAGE_DATA_DIR", mountedFile),
                    Map.entry("SAVEPOINT_METADATA_CLIPS_TRANSFER_BASE_URL", this::localTransferUrl));
        }

        void start() {
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            for (String deployment : overlay.deployments()) {
                writeMounts(deployment);
                Map<String, UnaryOperator<String>> localValues = localValues(deployment);
                Map<String, String> environment = new LinkedHashMap<>();
                overlay.environment(deployment).forEach(
                        (name, value) -> environment.put(name, localValues.getOrDefault(name, UnaryOperator.identity()).apply(value)));
                // What the image gives every process: Dockerfile.jvm puts ffmpeg and ffprobe on its PATH.
                environment.put("PATH", System.getenv("PATH"));
                environments.put(deployment, environment);
            }
            environments.forEach((deployment, environment) -> running.add(
                    ServicePeer.launchWithEnvironment(deployment, environment, httpPort(deployment), grpcPort(deployment))));
            running.forEach(peer -> peer.awaitReady(READY));
        }

        String url(String deployment) {
            return "http://127.0.0.1:" + httpPort(deployment);
        }

        private int httpPort(String deployment) {
            int containerPort = overlay.containerPort(deployment, "http");
            Integer local = localPorts.get(containerPort);
            assertThat(local).as("%s: a variable of %s sets its HTTP port %d", overlay.name, deployment, containerPort).isNotNull();
            return local;
        }

        private int grpcPort(String deployment) {
            return overlay.hasService(deployment + "-grpc") ? localPorts.get(overlay.containerPort(deployment, "grpc")) : 0;
        }

        private String localPort(String manifestPort) {
            return Integer.toString(localPorts.computeIfAbsent(Integer.parseInt(manifestPort), p -> ServicePeer.freePort()));
        }

        private String localTransferUrl(String publicUrl) {
            assertThat(publicUrl).as("%s: the public URL of transfer-service", overlay.name)
                    .isEqualTo(overlay.ingressUrl("transfer-service"));
            return "http://127.0.0.1:" + localPort(Integer.toString(overlay.containerPort("transfer-service", "http")));
        }

        private TestDatabase database(String service) {
            return databases.computeIfAbsent(service, s -> TestDatabase.create("savepoint_" + s.replace("-service", "")));
        }

        private String mounted(String deployment, String path) {
            assertThat(overlay.mounts(deployment).keySet()).as("%s: %s lies under a volume of %s", overlay.name, path, deployment)
                    .anyMatch(mountPath -> path.equals(mountPath) || path.startsWith(mountPath + "/"));
            return pods.resolve(deployment).resolve(path.substring(1)).toString();
        }

        private void writeMounts(String deployment) {
            overlay.mounts(deployment).forEach((mountPath, files) -> {
                try {
                    Path dir = Files.createDirectories(pods.resolve(deployment).resolve(mountPath.substring(1)));
                    for (Map.Entry<String, byte[]> file : files.entrySet()) {
                        Files.write(dir.resolve(file.getKey()), file.getValue());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void close() throws IOException {
            running.forEach(ServicePeer::close);
            databases.values().forEach(TestDatabase::close);
            try (Stream<Path> files = Files.walk(pods)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
