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

/**
 * Another Savepoint service, started from its packaged jar as a separate JVM on free ports, in the production
 * profile with the dev key and the test database: the real peer over real gRPC, nothing shared in-process.
 */
public final class ServicePeer implements AutoCloseable {

    public static final String SERVICE_SECRET = "dev-only-service-secret-0123456789abcdef";
    /** The %test value of savepoint.download-uris.secret, so peers and the service under test sign and check alike. */
    public static final String DOWNLOAD_URI_SECRET = "dev-only-download-uri-secret-0123456789abcdef";

    private final String module;
    private final Process process;
    private final Path log;
    public final int httpPort;
    public final int grpcPort;

    private ServicePeer(String module, Process process, Path log, int httpPort, int grpcPort) {
        this.module = module;
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
        Map<String, String> all = new LinkedHashMap<>();
        all.put("mp.jwt.verify.publickey.location", RepoPaths.devPublicKey().toString());
        all.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        all.put("savepoint.service-auth.secret", SERVICE_SECRET);
        all.put("savepoint.download-uris.secret", DOWNLOAD_URI_SECRET);
        all.putAll(config);
        int httpPort = freePort();
        ServicePeer peer = launch(module, all, httpPort, grpcPort);
        peer.awaitLive(Duration.ofSeconds(60));
        return peer;
    }

    /**
     * Runs {@code module} in the production profile with only the given configuration, expecting it to refuse to
     * start; answers its output.
     */
    public static String failedStartupOutput(String module, Map<String, String> config) {
        ServicePeer peer = launch(module, config, freePort(), freePort());
        try {
            if (!peer.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                peer.close();
                throw new IllegalStateException(module + " kept running although it should have refused to start; see " + peer.log);
            }
            return Files.readString(peer.log);
        } catch (InterruptedException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServicePeer launch(String module, Map<String, String> config, int httpPort, int grpcPort) {
        Path jar = RepoPaths.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package it first (./mvnw install -pl " + module + " -am -DskipTests).");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=" + httpPort);
        command.add("-Dquarkus.grpc.server.port=" + grpcPort);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", module + "-peer-" + httpPort + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServicePeer(module, process, log, httpPort, grpcPort);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + module, e);
        }
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    private void awaitLive(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + " during startup; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/q/health/live")).build(),
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
        throw new IllegalStateException(module + " did not become live within " + timeout + "; see " + log);
    }

    /** Stops the peer, as a crash would (used to test dependency failures) or at the end of the run. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
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
