package io.savepoint.transfer.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.savepoint.testing.RepoPaths;

/** deploy/local/run stops before starting anything when ffmpeg or ffprobe is missing, and says how to install them. */
class LocalRunToolCheckTest {

    @Test
    void aMissingFfmpegStopsTheLocalRunWithTheInstallHint() throws Exception {
        ProcessBuilder run = new ProcessBuilder(RepoPaths.root().resolve("deploy/local/run").toString())
                .directory(RepoPaths.root().toFile()).redirectErrorStream(true);
        run.environment().put("SAVEPOINT_TRANSFER_FFMPEG_PATH", "/nonexistent/ffmpeg");
        Process process = run.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the check comes before any build or start").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("/nonexistent/ffmpeg not found").contains("apt-get install ffmpeg")
                .contains("SAVEPOINT_TRANSFER_PROCESSING_ENABLED=false");
    }
}
