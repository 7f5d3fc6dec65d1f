package io.savepoint.transfer.processing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.savepoint.transfer.TransferConfig;

/**
 * ffprobe and ffmpeg as separate processes: a corrupt or hostile file can crash or hang them, never this JVM. Each
 * run gets nothing it does not need: an environment of PATH alone (not the service's secrets), its own temporary
 * directory as working directory and TMPDIR (removed afterwards), and kernel limits on CPU time and address space
 * (savepoint.transfer.tool-cpu-time, tool-memory-bytes); it is killed after savepoint.transfer.tool-timeout.
 */
@ApplicationScoped
public class VideoTools {

    /** What ffprobe found in a playable video. */
    public record VideoInfo(double durationSeconds, int width, int height, String codec) {
    }

    /** Thumbnail sizes (spec C.9, XSAPI's 754×424 and 370×208, width × height): the video is fitted in and letterboxed. */
    public enum ThumbnailSize {
        LARGE(754, 424), SMALL(370, 208);

        public final int width;
        public final int height;

        ThumbnailSize(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    /** The file is not a video these tools can play; the message says why, for the clip's error reason. */
    public static class UnplayableException extends Exception {
        public UnplayableException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTPUT_LIMIT_CHARS = 400;
    /**
     * Clips are MP4 (spec: video/mp4): naming the demuxer keeps the tools from reading the upload as anything else, a
     * playlist that would make them fetch other URLs above all.
     */
    private static final String MP4_DEMUXER = "mov";
    /** How ffmpeg reports an HTTP input that failed (status 4xx/5xx, connection refused or reset, timeout). */
    private static final Pattern UNREACHABLE_INPUT = Pattern.compile(
            "Server returned|HTTP error|Connection refused|Connection reset|Connection timed out");

    /**
     * Runs the tool under the limits: {@code sh -c LIMITS <tool> <cpu seconds> <KiB> <command…>}; the values arrive as
     * arguments, never as shell text, and exec leaves the tool itself as the process a timeout kills.
     */
    private static final String LIMITS = "ulimit -t \"$1\" && ulimit -v \"$2\" && shift 2 && exec \"$@\"";
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final TransferConfig config;

    VideoTools(TransferConfig config) {
        this.config = config;
    }

    /**
     * Probes {@code video} (a file or a URL the tools read by ranges); refuses one without a decodable video stream or
     * a duration.
     */
    public VideoInfo probe(String video) throws UnplayableException, IOException {
        String output = run("ffprobe", List.of(config.ffprobePath(), "-v", "error", "-print_format", "json", "-show_format",
                "-show_streams", "-f", MP4_DEMUXER, input(video)));
        JsonNode root;
        try {
            root = JSON.readTree(output);
        } catch (IOException e) {
            throw new UnplayableException("ffprobe gave no readable answer");
        }
        JsonNode videoStream = null;
        for (JsonNode stream : root.path("streams")) {
            if ("video".equals(stream.path("codec_type").asText()) && stream.path("width").asInt() > 0) {
                videoStream = stream;
                break;
            }
        }
        if (videoStream == null) {
            throw new UnplayableException("the file has no video stream");
        }
        double duration = root.path("format").path("duration").asDouble(0);
        if (!(duration > 0)) {
            throw new UnplayableException("the video has no duration");
        }
        return new VideoInfo(duration, videoStream.path("width").asInt(), videoStream.path("height").asInt(),
                videoStream.path("codec_name").asText(""));
    }

    /**
     * Writes a JPEG of the frame at {@code atSeconds} (clamped into the video) to {@code out}, fitted into the size
     * with black bars so every thumbnail has exactly the spec's dimensions.
     */
    public void thumbnail(String video, VideoInfo info, double atSeconds, ThumbnailSize size, Path out)
            throws UnplayableException, IOException {
        // The last frame starts a little before the end; seeking to the very end would decode nothing.
        double at = Math.max(0, Math.min(atSeconds, info.durationSeconds() - 0.1));
        String fit = "scale=" + size.width + ":" + size.height + ":force_original_aspect_ratio=decrease,"
                + "pad=" + size.width + ":" + size.height + ":(ow-iw)/2:(oh-ih)/2,setsar=1";
        run("ffmpeg", List.of(config.ffmpegPath(), "-v", "error", "-nostdin", "-y", "-ss", String.format(Locale.ROOT, "%.3f", at),
                "-f", MP4_DEMUXER, "-i", input(video), "-frames:v", "1", "-vf", fit, "-q:v", "3", "-f", "image2", "-c:v", "mjpeg",
                out.toAbsolutePath().toString()));
        if (!Files.exists(out) || Files.size(out) == 0) {
            throw new UnplayableException("no frame could be decoded at " + at + " s");
        }
    }

    /** Runs a tool; a non-zero exit or a timeout is {@link UnplayableException} with the tool's last words. */
    private String run(String tool, List<String> command) throws UnplayableException, IOException {
        Path scratch = Files.createTempDirectory(workDir(), tool + "-");
        Path output = scratch.resolve(tool + ".out");
        try {
            List<String> limited = new ArrayList<>(List.of("/bin/sh", "-c", LIMITS, tool,
                    Long.toString(Math.max(1, config.toolCpuTime().toSeconds())), Long.toString(config.toolMemoryBytes() / 1024)));
            limited.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(limited).directory(scratch.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", Objects.requireNonNullElse(System.getenv("PATH"), DEFAULT_PATH));
            environment.put("TMPDIR", scratch.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished;
            try {
                finished = process.waitFor(config.toolTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(tool + " was interrupted");
            }
            if (!finished) {
                process.destroyForcibly();
                throw new UnplayableException(tool + " took longer than " + config.toolTimeout().toSeconds() + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                if (UNREACHABLE_INPUT.matcher(text).find()) {
                    // Our download endpoint or storage-service failed, not the video: the clip is processed again later.
                    throw new IOException(tool + " could not read the video: " + lastWords(text));
                }
                throw new UnplayableException(tool + " failed: " + lastWords(text));
            }
            return text;
        } finally {
            deleteTree(scratch);
        }
    }

    /** Removes the run's directory with whatever the tool left in it. */
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A URL as it is, a file as an absolute path: the tools run in a directory of their own. */
    private static String input(String video) {
        return video.contains("://") ? video : Path.of(video).toAbsolutePath().toString();
    }

    /** Where temporary files go (savepoint.transfer.work-dir or the JVM's temporary directory), as an absolute path. */
    public Path workDir() throws IOException {
        Path dir = config.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir"))).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    private static String lastWords(String output) {
        String text = output.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "no output";
        }
        return text.length() <= OUTPUT_LIMIT_CHARS ? text : "…" + text.substring(text.length() - OUTPUT_LIMIT_CHARS);
    }
}
