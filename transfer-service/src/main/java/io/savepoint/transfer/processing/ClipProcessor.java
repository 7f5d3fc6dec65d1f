package io.savepoint.transfer.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.grpc.v1.ProcessingWork;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.transfer.client.BlobStoreClient;

/**
 * Processes one uploaded clip: copies the video to a temporary file while computing its SHA-256, checks with ffprobe
 * that it plays, and makes the Large and Small thumbnails (unless the console uploads its own). The answer is the
 * FinishProcessing request: Published, or Error with a reason. Failures of our own infrastructure (storage down,
 * disk full) are thrown instead, so the clip is retried when its lease runs out.
 */
@ApplicationScoped
public class ClipProcessor {

    static final String UPLOADED_THUMBNAILS = "Upload";
    static final String THUMBNAIL_CONTENT_TYPE = "image/jpeg";

    private final BlobStoreClient blobs;
    private final VideoTools tools;

    ClipProcessor(BlobStoreClient blobs, VideoTools tools) {
        this.blobs = blobs;
        this.tools = tools;
    }

    public FinishProcessingRequest process(ProcessingWork work, String workerId) throws IOException {
        FinishProcessingRequest.Builder finish = FinishProcessingRequest.newBuilder().setGameClipId(work.getGameClipId()).setWorkerId(workerId);
        Path dir = Files.createTempDirectory(tools.workDir(), "clip-" + work.getGameClipId() + "-");
        try {
            Path video = dir.resolve("video");
            try {
                finish.setSha256Hex(copy(work.getVideo(), video));
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return finish.setSuccess(false).setErrorReason("the uploaded video is no longer stored").build();
                }
                throw e;
            }
            VideoTools.VideoInfo info = tools.probe(video);
            if (!UPLOADED_THUMBNAILS.equals(work.getThumbnailSource())) {
                double at = work.getThumbnailOffsetMillis() / 1000.0;
                finish.setLargeThumbnailSize(thumbnail(work, video, info, at, VideoTools.ThumbnailSize.LARGE, work.getLargeThumbnail(), dir));
                finish.setSmallThumbnailSize(thumbnail(work, video, info, at, VideoTools.ThumbnailSize.SMALL, work.getSmallThumbnail(), dir));
            }
            return finish.setSuccess(true).build();
        } catch (VideoTools.UnplayableException e) {
            return finish.setSuccess(false).setErrorReason("not a playable video: " + e.getMessage()).build();
        } finally {
            deleteTree(dir);
        }
    }

    /** Copies the blob to {@code file}; answers the SHA-256 of its bytes. */
    private String copy(BlobRef blob, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
            blobs.read(blob, 0, 0, out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private long thumbnail(ProcessingWork work, Path video, VideoTools.VideoInfo info, double atSeconds, VideoTools.ThumbnailSize size,
            BlobRef blob, Path dir) throws IOException, VideoTools.UnplayableException {
        Path jpeg = dir.resolve(size.name().toLowerCase(java.util.Locale.ROOT) + ".jpg");
        tools.thumbnail(video, info, atSeconds, size, jpeg);
        long bytes = Files.size(jpeg);
        // A fresh upload id: a retried processing replaces the thumbnail instead of answering the earlier version.
        String uploadId = work.getGameClipId() + "-thumbnail-" + size.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();
        try (InputStream in = Files.newInputStream(jpeg)) {
            blobs.stage(StageBlockHeader.newBuilder().setBlob(blob).setUploadId(uploadId).setBlockNum(0).setOwner(work.getOwner())
                    .setMaxBlockBytes(bytes).build(), in, "The generated thumbnail changed while it was stored.");
        }
        blobs.commit(blob, uploadId, 1, THUMBNAIL_CONTENT_TYPE)
                .orElseThrow(() -> new IOException("The staged thumbnail of " + work.getGameClipId() + " could not be committed"));
        return bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
