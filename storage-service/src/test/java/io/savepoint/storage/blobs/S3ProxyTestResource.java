package io.savepoint.storage.blobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.savepoint.testing.ServicePeer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 endpoint for tests: s3proxy (its jar copied to target/s3proxy by the build) as its own JVM on 127.0.0.1 and
 * a free port, storing objects in a temporary directory through jclouds' filesystem provider, with AWS v2/v4
 * signatures checked. Creates the bucket and points the application at it with savepoint.storage.backend=s3.
 */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "savepoint-test";
    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key-0123456789";
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private Process process;
    private Path dir;

    @Override
    public Map<String, String> start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests through Maven "
                    + "(maven-dependency-plugin copies org.gaul:s3proxy there in generate-test-resources)");
        }
        try {
            dir = Files.createTempDirectory("savepoint-s3proxy-");
            Files.createDirectories(dir.resolve("data"));
            int port = ServicePeer.freePort();
            String endpoint = "http://127.0.0.1:" + port;
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dir.resolve("data"),
                    ""));
            Path log = JAR.getParent().resolve("s3proxy-" + port + ".log");
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitHttp(endpoint, log);
            try (S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.US_EAST_1).endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .build()) {
                s3.createBucket(r -> r.bucket(BUCKET));
            }
            return Map.of(
                    "savepoint.storage.backend", "s3",
                    "savepoint.storage.s3.endpoint", endpoint,
                    "savepoint.storage.s3.bucket", BUCKET,
                    "savepoint.storage.s3.access-key-id", ACCESS_KEY,
                    "savepoint.storage.s3.secret-access-key", SECRET_KEY,
                    "savepoint.storage.s3.path-style", "true",
                    "savepoint.storage.s3.prefix", "test/blocks/");
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            // Nothing to flush: its objects live in a temporary directory deleted below.
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory; the OS cleans it eventually
            }
            dir = null;
        }
    }

    private void awaitHttp(String endpoint, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.getResponseCode(); // any answer (403 without a signature) means it serves
                connection.disconnect();
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException("s3proxy did not answer within " + STARTUP + "; see " + log.toAbsolutePath());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
