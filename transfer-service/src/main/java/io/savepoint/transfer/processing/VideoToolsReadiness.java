package io.savepoint.transfer.processing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.savepoint.transfer.TransferConfig;

/**
 * An instance that processes clips is ready only when ffmpeg and ffprobe run at their configured paths. Without them
 * it would take uploads whose clips wait in Processing and end in Error after their retries, with only a WARN in its
 * log; an instance with processing disabled does not need them.
 */
@Readiness
@ApplicationScoped
public class VideoToolsReadiness implements HealthCheck {

    static final String NAME = "ffmpeg and ffprobe";
    static final String INSTALL_HINT = "Install ffmpeg, which brings ffprobe (Debian, Ubuntu: apt-get install ffmpeg), or set"
            + " SAVEPOINT_TRANSFER_FFMPEG_PATH / SAVEPOINT_TRANSFER_FFPROBE_PATH to where they are;"
            + " SAVEPOINT_TRANSFER_PROCESSING_ENABLED=false runs this instance without processing clips.";
    /** Running both tools costs tens of milliseconds; probes come every few seconds, so an answer is reused this long. */
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(30);
    /** Both tools answer -version at once; one that does not is not usable for clips either. */
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);

    /** A tool's state: usable or not, and what an operator reads in the readiness answer (its path and version, or why not). */
    record ToolState(boolean usable, String description) {
    }

    private final TransferConfig config;
    private HealthCheckResponse lastAnswer;
    private long lastCheckNanos;

    VideoToolsReadiness(TransferConfig config) {
        this.config = config;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        if (lastAnswer == null || System.nanoTime() - lastCheckNanos > RECHECK_AFTER.toNanos()) {
            lastAnswer = check();
            lastCheckNanos = System.nanoTime();
        }
        return lastAnswer;
    }

    private HealthCheckResponse check() {
        var response = HealthCheckResponse.named(NAME);
        if (!config.processingEnabled()) {
            return response.up()
                    .withData("processing", "disabled (savepoint.transfer.processing-enabled=false): the tools are not needed").build();
        }
        ToolState ffmpeg = state(config.ffmpegPath());
        ToolState ffprobe = state(config.ffprobePath());
        response.withData("ffmpeg", ffmpeg.description()).withData("ffprobe", ffprobe.description());
        if (ffmpeg.usable() && ffprobe.usable()) {
            return response.up().build();
        }
        return response.down().withData("hint", INSTALL_HINT).build();
    }

    /** Finds {@code configured} as the processing code's ProcessBuilder does (a path, or a name on PATH) and runs it with -version. */
    static ToolState state(String configured) {
        Optional<Path> executable = locate(configured);
        if (executable.isEmpty()) {
            return new ToolState(false, configured.contains(File.separator)
                    ? configured + ": no executable file there"
                    : configured + ": not found on PATH (" + System.getenv("PATH") + ")");
        }
        String path = executable.get().toString();
        try {
            Process process = new ProcessBuilder(path, "-version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new ToolState(false, path + ": no answer to -version within " + VERSION_TIMEOUT.toSeconds() + " s");
            }
            String firstLine = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (process.exitValue() != 0) {
                String said = firstLine.isEmpty() ? "" : ": " + firstLine;
                return new ToolState(false, path + ": -version exited with " + process.exitValue() + said);
            }
            // "ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers": the version is enough
            int copyright = firstLine.indexOf(" Copyright");
            return new ToolState(true, path + ": " + (copyright < 0 ? firstLine : firstLine.substring(0, copyright)));
        } catch (IOException e) {
            return new ToolState(false, path + ": cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ToolState(false, path + ": the check was interrupted");
        }
    }

    private static Optional<Path> locate(String configured) {
        Stream<Path> candidates = configured.contains(File.separator)
                ? Stream.of(Path.of(configured))
                : Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                        .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, configured));
        return candidates.filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }
}
