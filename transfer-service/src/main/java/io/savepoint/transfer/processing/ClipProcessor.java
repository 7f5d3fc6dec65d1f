package io.savepoint.transfer.processing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.savepoint.grpc.v1.BlobDigest;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.grpc.v1.ProcessingWork;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.transfer.TransferConfig;
import io.savepoint.transfer.download.DownloadService;
import io.savepoint.transfer.peers.StorageBlobClient;

/**
 * Processes one uploaded clip: storage-service hashes the video where it is stored, ffprobe checks that it plays and
 * ffmpeg makes the Large and Small thumbnails (unless the console uploads its own), both reading the video by ranges
 * through this instance's own download endpoint, so no copy of the clip is made. The answer is the FinishProcessing
 * request: Published, or Error with a reason. Failures of our own infrastructure (storage down, disk full) are thrown
 * instead, so the clip is retried when its lease runs out.
 */
@ApplicationScoped
public class ClipProcessor {

    static final String UPLOADED_THUMBNAILS = "Upload";
    static final String THUMBNAIL_CONTENT_TYPE = "image/jpeg";
    /** ffprobe and two ffmpeg runs, each within the tool timeout, and a margin. */
    private static final int TOOL_RUNS = 3;
    private static final Duration URI_MARGIN = Duration.ofMinutes(1);

    private final StorageBlobClient blobs;
    private final VideoTools tools;
    private final DownloadService downloads;
    private final TransferConfig config;

    ClipProcessor(StorageBlobClient blobs, VideoTools tools, DownloadService downloads, TransferConfig config) {
        this.blobs = blobs;
        this.tools = tools;
        this.downloads = downloads;
        this.config = config;
    }

    public FinishProcessingRequest process(ProcessingWork work, String workerId) throws IOException {
        FinishProcessingRequest.Builder finish = FinishProcessingRequest.newBuilder().setGameClipId(work.getGameClipId())
                .setWorkerId(workerId);
        Optional<BlobDigest> digest = blobs.digest(work.getVideo());
        if (digest.isEmpty()) {
            return finish.setSuccess(false).setErrorReason("the uploaded video is no longer stored").build();
        }
        finish.setSha256Hex(digest.get().getSha256Hex());
        String video = downloads.localUri(work.getGameClipId(), ClipAssetUris.Asset.VIDEO,
                config.toolTimeout().multipliedBy(TOOL_RUNS).plus(URI_MARGIN));
        Path dir = Files.createTempDirectory(tools.workDir(), "clip-" + work.getGameClipId() + "-");
        try {
            VideoTools.VideoInfo info = tools.probe(video);
            if (!UPLOADED_THUMBNAILS.equals(work.getThumbnailSource())) {
                double at = work.getThumbnailOffsetMillis() / 1000.0;
                finish.setLargeThumbnailSize(
                        thumbnail(work, video, info, at, VideoTools.ThumbnailSize.LARGE, work.getLargeThumbnail(), dir));
                finish.setSmallThumbnailSize(
                        thumbnail(work, video, info, at, VideoTools.ThumbnailSize.SMALL, work.getSmallThumbnail(), dir));
            }
            return finish.setSuccess(true).build();
        } catch (VideoTools.UnplayableException e) {
            return finish.setSuccess(false).setErrorReason("not a playable video: " + e.getMessage()).build();
        } finally {
            deleteTree(dir);
        }
    }

    private long thumbnail(ProcessingWork work, String video, VideoTools.VideoInfo info, double atSeconds, VideoTools.ThumbnailSize size,
            BlobRef blob, Path dir) throws IOException, VideoTools.UnplayableException {
        Path jpeg = dir.resolve(size.name().toLowerCase(Locale.ROOT) + ".jpg");
        tools.thumbnail(video, info, atSeconds, size, jpeg);
        long bytes = Files.size(jpeg);
        // A fresh upload id: a retried processing replaces the thumbnail instead of answering the earlier version.
        String uploadId = work.getGameClipId() + "-thumbnail-" + size.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
        try (InputStream in = Files.newInputStream(jpeg)) {
            blobs.stage(StageBlockHeader.newBuilder().setBlob(blob).setUploadId(uploadId).setBlockNum(0).setOwner(work.getOwner())
                    .setMaxBlockBytes(bytes).build(), in, "The generated thumbnail changed while it was stored.");
        }
        blobs.commit(blob, uploadId, 1, THUMBNAIL_CONTENT_TYPE)
                .orElseThrow(() -> new IOException("The staged thumbnail of " + work.getGameClipId() + " could not be committed"));
        return bytes;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
