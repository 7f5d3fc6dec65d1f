package io.savepoint.transfer.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.transfer.TestClips;

/** ffprobe and ffmpeg on real files: a playable video, thumbnails of the spec's sizes, and files that are no video. */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class VideoToolsTest {

    @Inject
    VideoTools tools;

    @Test
    void probesARealVideoAndMakesThumbnailsOfTheSpecSizesAtAnyOffset() throws Exception {
        String video = TestClips.videoFile().toString();
        VideoTools.VideoInfo info = tools.probe(video);
        assertEquals(640, info.width());
        assertEquals(360, info.height());
        assertTrue(info.durationSeconds() > 5.5 && info.durationSeconds() < 6.5, "duration " + info.durationSeconds());
        Path dir = Files.createTempDirectory(tools.workDir(), "thumbs");
        // 20 s is past the end of a 6 s video: clamped to its last frame
        for (double at : new double[] {3, 20}) {
            for (VideoTools.ThumbnailSize size : VideoTools.ThumbnailSize.values()) {
                Path jpeg = dir.resolve(size + "-" + at + ".jpg");
                tools.thumbnail(video, info, at, size, jpeg);
                BufferedImage image = ImageIO.read(jpeg.toFile());
                assertEquals(size.width, image.getWidth());
                assertEquals(size.height, image.getHeight());
            }
        }
    }

    @Test
    void randomBytesAnEmptyFileAndATruncatedVideoAreNotPlayable() throws Exception {
        Path dir = Files.createTempDirectory(tools.workDir(), "bad");
        byte[] junk = new byte[100_000];
        new Random(7).nextBytes(junk);
        Path random = Files.write(dir.resolve("random.mp4"), junk);
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        Path truncated = Files.write(dir.resolve("truncated.mp4"),
                Arrays.copyOf(Files.readAllBytes(TestClips.videoFile()), 2000));
        // A playlist is read as what clips are (MP4), so the tools never fetch the URLs it names.
        Path playlist = Files.writeString(dir.resolve("playlist.mp4"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://127.0.0.1:9/internal/secret.ts\n#EXT-X-ENDLIST\n");
        for (Path bad : new Path[] {random, empty, truncated, playlist}) {
            VideoTools.UnplayableException e = assertThrows(VideoTools.UnplayableException.class, () -> tools.probe(bad.toString()),
                    bad.toString());
            assertTrue(e.getMessage().length() > 5, "a reason: " + e.getMessage());
        }
    }

    @Test
    void anUnreachableVideoURLIsOurFailureNotAnUnplayableClip() {
        // Nothing listens on the discard port: processing must be retried, not the clip failed.
        IOException e = assertThrows(IOException.class, () -> tools.probe("http://127.0.0.1:9/download/clip/video?se=1&sig=x"));
        assertTrue(e.getMessage().contains("could not read the video"), e.getMessage());
    }
}
