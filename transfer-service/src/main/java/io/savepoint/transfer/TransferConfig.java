package io.savepoint.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** transfer-service settings (savepoint.transfer.*); each is documented in docs/configuration.md. */
@ConfigMapping(prefix = "savepoint.transfer")
public interface TransferConfig {

    /** How long streaming one block (or one thumbnail) into storage-service may take before it is refused with 503. */
    @WithDefault("2m")
    Duration blockDeadline();

    /** Whether this instance claims clips for processing (any number of instances may; each claim is a lease). */
    @WithDefault("true")
    boolean processingEnabled();

    /** How often an idle worker asks the catalog for work (a completed upload also wakes it at once). */
    @WithDefault("5s")
    Duration processingPollInterval();

    @WithDefault("ffmpeg")
    String ffmpegPath();

    @WithDefault("ffprobe")
    String ffprobePath();

    /**
     * How long one processing step may take: an ffprobe or ffmpeg run (killed, and the clip fails) or storage-service
     * hashing the video (retried later).
     */
    @WithDefault("60s")
    Duration toolTimeout();

    /** CPU time one ffprobe or ffmpeg run may use (ulimit -t, whole seconds); past it the kernel kills the tool. */
    @WithDefault("60s")
    Duration toolCpuTime();

    /** Address space one ffprobe or ffmpeg run may map, in bytes (ulimit -v); past it the tool's allocations fail. */
    @WithDefault("2147483648")
    long toolMemoryBytes();

    /** Where processing writes its small temporary files: thumbnails, tool output (default: the JVM's temporary directory). */
    Optional<Path> workDir();
}
