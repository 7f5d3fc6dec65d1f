package io.savepoint.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another Savepoint service, started from its packaged jar as a separate JVM on free ports, in the production
 * profile with the dev key and the test database: the real peer over real gRPC, nothing shared in-process.
 */
public final class ServicePeer implements AutoCloseable {

    /** System property set by the native Maven profile: peers run as native executables, as the app under test does. */
    static final String NATIVE_PEERS = "savepoint.test.native-peers";

    public static final String SERVICE_SECRET = "dev-only-service-secret-0123456789abcdef";
    /** The %test value of savepoint.download-uris.secret, so peers and the service under test sign and check alike. */
    public static final String DOWNLOAD_URI_SECRET = "dev-only-download-uri-secret-0123456789abcdef";

    private final String module;
    private final List<String> jvmProperties;
    /** The whole environment of the process; null: inherited from this JVM. */
    private final Map<String, String> environment;
    private volatile Process process;
    private volatile Path log;
    public final int httpPort;
    public final int grpcPort;

    private ServicePeer(String module, List<String> jvmProperties, Map<String, String> environment, Process process, Path log,
            int httpPort, int grpcPort) {
        this.module = module;
        this.jvmProperties = jvmProperties;
        this.environment = environment;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
    }

    /** Starts {@code module} with the given extra configuration and waits until it reports live. */
    public static ServicePeer start(String module, Map<String, String> config) {
        return start(module, config, freePort());
    }

    /** Starts {@code module} with its gRPC server on a port chosen beforehand (for peers that must know it first). */
    public static ServicePeer start(String module, Map<String, String> config, int grpcPort) {
        Map<String, String> all = new LinkedHashMap<>(productionSettings());
        all.putAll(config);
        int httpPort = freePort();
        ServicePeer peer = launch(module, properties(all, httpPort, grpcPort), null, httpPort, grpcPort);
        peer.awaitLive(Duration.ofSeconds(60));
        return peer;
    }

    /**
     * Launches {@code module} as a container would run it: with exactly {@code environment} as its whole environment
     * (nothing inherited) and no configuration of its own; that environment must make it listen on {@code httpPort}
     * (and {@code grpcPort}, when it serves gRPC). Does not wait: peers that need each other start together, then
     * {@link #awaitReady}.
     */
    public static ServicePeer launchWithEnvironment(String module, Map<String, String> environment, int httpPort, int grpcPort) {
        return launch(module, List.of(), Map.copyOf(environment), httpPort, grpcPort);
    }

    /** What every service needs in the production profile: the dev JWT key and issuer, and the shared test secrets. */
    public static Map<String, String> productionSettings() {
        return Map.of(
                "mp.jwt.verify.publickey.location", RepoPaths.devPublicKey().toString(),
                "mp.jwt.verify.issuer", DevTokens.ISSUER,
                "savepoint.service-auth.secret", SERVICE_SECRET,
                "savepoint.download-uris.secret", DOWNLOAD_URI_SECRET);
    }

    /**
     * Runs {@code module} in the production profile with only the given configuration, expecting it to refuse to
     * start; answers its output.
     */
    public static String failedStartupOutput(String module, Map<String, String> config) {
        int httpPort = freePort();
        int grpcPort = freePort();
        ServicePeer peer = launch(module, properties(config, httpPort, grpcPort), null, httpPort, grpcPort);
        try {
            if (!peer.process.waitFor(60, TimeUnit.SECONDS)) {
                peer.close();
                throw new IllegalStateException(module + " kept running although it should have refused to start; see " + peer.log);
            }
            return Files.readString(peer.log);
        } catch (InterruptedException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> properties(Map<String, String> config, int httpPort, int grpcPort) {
        List<String> properties = new ArrayList<>();
        properties.add("-Dquarkus.http.port=" + httpPort);
        properties.add("-Dquarkus.grpc.server.port=" + grpcPort);
        config.forEach((k, v) -> properties.add("-D" + k + "=" + v));
        return List.copyOf(properties);
    }

    private static ServicePeer launch(String module, List<String> properties, Map<String, String> environment, int httpPort,
            int grpcPort) {
        Path target = RepoPaths.root().resolve(module).resolve("target");
        List<String> command = new ArrayList<>();
        if (Boolean.getBoolean(NATIVE_PEERS)) {
            command.add(nativeExecutable(target, module).toString());
            command.addAll(properties);
        } else {
            Path jar = target.resolve("quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: package it first (./mvnw package -DskipTests).");
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.addAll(properties);
            command.add("-jar");
            command.add(jar.toString());
        }
        Path log = Path.of("target", module + "-peer-" + httpPort + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (environment != null) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            return new ServicePeer(module, properties, environment, builder.start(), log, httpPort, grpcPort);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + module, e);
        }
    }

    private static Path nativeExecutable(Path target, String module) {
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner") && Files.isExecutable(f)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No native executable of " + module + " in " + target
                            + ": build it first (./mvnw package -Pnative -DskipTests)."));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + target + " (build " + module + " natively first)", e);
        }
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Waits until the peer reports live (it serves HTTP), whether or not its peers answer. */
    public void awaitLive(Duration timeout) {
        await("/q/health/live", "live", timeout);
    }

    /** Waits until the peer reports ready: its database and gRPC peers answer (the Kubernetes readiness probe). */
    public void awaitReady(Duration timeout) {
        await("/q/health/ready", "ready", timeout);
    }

    private void await(String healthPath, String state, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        module + " exited with " + process.exitValue() + " before it was " + state + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + healthPath)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException(module + " did not become " + state + " within " + timeout + "; see " + log);
    }

    /**
     * Stops the peer and starts it again on the same ports with the same configuration (so the same database and
     * data directory), as a rolling restart or a crash and recovery would; waits until it is live again.
     */
    public void restart() {
        close();
        ServicePeer again = launch(module, jvmProperties, environment, httpPort, grpcPort);
        process = again.process;
        log = again.log;
        awaitLive(Duration.ofSeconds(60));
    }

    /** Stops the peer, as a crash would (used to test dependency failures) or at the end of the run. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
