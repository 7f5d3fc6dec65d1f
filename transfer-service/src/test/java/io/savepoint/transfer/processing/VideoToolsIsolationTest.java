package io.savepoint.transfer.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.savepoint.transfer.TransferConfig;

/**
 * What ffprobe and ffmpeg get (issue 18 item 7): a stand-in tool reports its environment, limits and directories. It
 * must see PATH and its own TMPDIR only (none of the service's variables, secrets included), run in that directory,
 * under the configured CPU-time and address-space limits, and leave nothing behind.
 */
class VideoToolsIsolationTest {

    private static final long MEMORY_BYTES = 1536L << 20;

    @TempDir
    Path dir;

    @Test
    void aToolRunsWithPathAloneInItsOwnDirectoryUnderLimits() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path tool = dir.resolve("report-and-fail");
        Files.writeString(tool, """
                #!/bin/sh
                touch leftover.tmp "$TMPDIR/also-left"
                echo "vars=$(env | cut -d= -f1 | grep -v '^_$' | sort | tr '\\n' ',') cpu=$(ulimit -t) mem=$(ulimit -v) \
                cwd=$(pwd) tmp=$TMPDIR"
                exit 3
                """);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        VideoTools tools = new VideoTools(config(tool, work));

        assertThatThrownBy(() -> tools.probe("clip.mp4")).isInstanceOfSatisfying(VideoTools.UnplayableException.class, e -> {
            String report = e.getMessage();
            List<String> variables = Arrays.asList(field(report, "vars").split(","));
            assertThat(variables).as(report).contains("PATH", "TMPDIR").isSubsetOf("PATH", "TMPDIR", "PWD", "OLDPWD", "SHLVL");
            assertThat(field(report, "cpu")).isEqualTo("7");
            assertThat(field(report, "mem")).isEqualTo(Long.toString(MEMORY_BYTES / 1024));
            assertThat(field(report, "tmp")).startsWith(work + "/ffprobe-");
            assertThat(Path.of(field(report, "cwd")).getFileName()).isEqualTo(Path.of(field(report, "tmp")).getFileName());
        });
        assertThat(System.getenv()).as("the JVM running this test has variables the tool must not see").containsKey("HOME");
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.toList()).as("the tool's directory is removed with what it left").isEmpty();
        }
    }

    private static String field(String report, String name) {
        for (String part : report.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + report);
    }

    private static TransferConfig config(Path tool, Path work) {
        return new TransferConfig() {
            @Override
            public Duration blockDeadline() {
                return Duration.ofMinutes(2);
            }

            @Override
            public boolean processingEnabled() {
                return true;
            }

            @Override
            public Duration processingPollInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public String ffmpegPath() {
                return tool.toString();
            }

            @Override
            public String ffprobePath() {
                return tool.toString();
            }

            @Override
            public Duration toolTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration toolCpuTime() {
                return Duration.ofSeconds(7);
            }

            @Override
            public long toolMemoryBytes() {
                return MEMORY_BYTES;
            }

            @Override
            public Optional<Path> workDir() {
                return Optional.of(work);
            }
        };
    }
}
