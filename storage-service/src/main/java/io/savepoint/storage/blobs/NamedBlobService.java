package io.savepoint.storage.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.storage.StorageConfig;
import io.savepoint.storage.titlestorage.rules.ETags;

/**
 * Blobs named by (namespace, key) on top of the engine: what the BlobStore gRPC service exposes to the other services.
 * Uploads are named by the caller's upload id, so staging and commits can be retried.
 */
@ApplicationScoped
public class NamedBlobService {

    private final BlobEngine engine;
    private final StorageConfig config;

    NamedBlobService(BlobEngine engine, StorageConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** The current version of a blob and its ETag. */
    public record Current(NamedBlob blob, BlobVersion version) {
    }

    /**
     * What staging a block led to: the block, how many blocks of the upload are staged after it was recorded, or
     * {@code uploadCommitted} when the upload already is the blob's current version (then nothing was staged).
     */
    public record StageResult(BlobEngine.Staged block, int stagedBlocks, boolean uploadCommitted) {
    }

    /**
     * Stages block {@code blockNum} of the upload of blob (namespace, key), refusing a block over {@code maxBlockBytes}
     * (0: savepoint.storage.max-request-bytes) or one that would take the upload past {@code maxUploadBytes} (0: no
     * limit), keeping the upload's blocks at least until {@code keepUntil} (null: only while not idle for
     * savepoint.storage.upload-expiry). A block of an upload that is already the blob's current
     * version is not staged again (a commit would not use it): its bytes are read and dropped. A blank namespace skips that check.
     */
    public StageResult stage(String namespace, String key, String uploadId, int blockNum, InputStream data, String contentMd5Base64,
            long maxBlockBytes, long maxUploadBytes, Instant keepUntil) throws IOException {
        long maxBytes = maxBlockBytes > 0 ? Math.min(maxBlockBytes, config.maxRequestBytes()) : config.maxRequestBytes();
        BlobEngine.StageOutcome staged = engine.stage(stagingId(uploadId), blockNum, data, maxBytes, maxUploadBytes, contentMd5Base64,
                keepUntil, () -> !namespace.isBlank() && isCurrentUpload(namespace, key, uploadId));
        if (staged == null) {
            // Read to the end, so the caller's stream finishes normally.
            data.transferTo(OutputStream.nullOutputStream());
            return new StageResult(new BlobEngine.Staged(blockNum, 0, ""), 0, true);
        }
        return new StageResult(staged.block(), staged.stagedBlocks(), false);
    }

    /** In the caller's transaction. */
    private static boolean isCurrentUpload(String namespace, String key, String uploadId) {
        return NamedBlob.<NamedBlob>findByIdOptional(new NamedBlob.Key(namespace, key)).map(b -> uploadId.equals(b.uploadId)).orElse(false);
    }

    /**
     * Publishes blocks 0..blockCount-1 of the upload as the blob's new version. A retry of a commit that already
     * happened answers the same version. {@code ifMatchEtag}, when not blank, must be the current ETag.
     */
    public Current commit(String namespace, String key, String uploadId, int blockCount, String contentType, String ifMatchEtag) {
        return QuarkusTransaction.requiringNew().call(() -> {
            NamedBlob current = lock(namespace, key);
            if (current != null && current.uploadId.equals(uploadId)) {
                return new Current(current, BlobVersion.findById(current.versionId));
            }
            if (ifMatchEtag != null && !ifMatchEtag.isBlank()
                    && (current == null || !current.etag.equals(ETags.unquote(ifMatchEtag)))) {
                throw new IllegalStateException("Blob " + namespace + "/" + key + " is not at ETag " + ifMatchEtag);
            }
            BlobVersion version = engine.commit(stagingId(uploadId), blockCount, contentType);
            Instant now = Instant.now();
            NamedBlob blob = current;
            if (blob == null) {
                blob = new NamedBlob();
                blob.namespace = namespace;
                blob.key = key;
                blob.createdAt = now;
            }
            UUID previous = current == null ? null : current.versionId;
            blob.versionId = version.id;
            blob.etag = ETags.newEtag();
            blob.uploadId = uploadId;
            blob.updatedAt = now;
            if (current == null) {
                blob.persist();
            }
            NamedBlob.flush();
            if (previous != null) {
                engine.discard(previous);
            }
            return new Current(blob, version);
        });
    }

    /** The blocks staged under the upload id and not yet committed. */
    public List<BlobEngine.Staged> staged(String uploadId) {
        return engine.staged(stagingId(uploadId));
    }

    /** Drops the staged blocks of an upload that will never be committed; answers what was dropped. */
    public List<BlobEngine.Staged> abandon(String uploadId) {
        return engine.abandon(stagingId(uploadId));
    }

    public Optional<Current> find(String namespace, String key) {
        return content(namespace, key).map(Snapshot::current);
    }

    /** A blob's current version with its blocks, as one consistent read. */
    public record Snapshot(Current current, BlobEngine.Content content) {
    }

    /**
     * The blob's current version and its blocks, read in a transaction so streaming them later is safe. Each statement
     * sees the latest commit (read committed), so a commit or delete landing between them leaves a version whose rows
     * are gone: read again, the blob names its successor (or nothing). The files of a discarded version outlive it by
     * the sweeper's grace time. Three reads in all; a blob replaced that often while it is read is an error.
     */
    @Retry(maxRetries = 2, delay = 0, jitter = 0, retryOn = ReplacedWhileRead.class)
    public Optional<Snapshot> content(String namespace, String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<NamedBlob> blob = NamedBlob.findByIdOptional(new NamedBlob.Key(namespace, key));
            if (blob.isEmpty()) {
                return Optional.<Snapshot>empty();
            }
            BlobVersion version = BlobVersion.findById(blob.get().versionId);
            BlobEngine.Content content = version == null ? null : engine.content(version);
            if (content == null || !content.isWhole()) {
                throw new ReplacedWhileRead(namespace, key);
            }
            return Optional.of(new Snapshot(new Current(blob.get(), version), content));
        });
    }

    /** The version read was discarded before its blocks were. */
    static final class ReplacedWhileRead extends RuntimeException {
        ReplacedWhileRead(String namespace, String key) {
            super("Blob " + namespace + "/" + key + " was replaced while it was read", null, false, false);
        }
    }

    public void read(BlobEngine.Content content, long offset, long length, OutputStream out) throws IOException {
        engine.read(content, offset, length, out);
    }

    /** A version's SHA-256 over its bytes. */
    public record Digest(String etag, long size, String sha256Hex) {
    }

    /**
     * The SHA-256 of the current version's bytes, read from the block store here, so the bytes never cross the
     * network to be hashed; empty when there is no such blob.
     */
    public Optional<Digest> digest(String namespace, String key) throws IOException {
        Optional<Snapshot> current = content(namespace, key);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        BlobEngine.Content content = current.get().content();
        return Optional.of(new Digest(current.get().current().blob().etag, content.size(), engine.sha256Hex(content)));
    }

    /** Deletes the blob; answers the bytes freed (0 when it did not exist). */
    public long delete(String namespace, String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            NamedBlob current = lock(namespace, key);
            if (current == null) {
                return 0L;
            }
            BlobVersion version = BlobVersion.findById(current.versionId);
            current.delete();
            NamedBlob.flush();
            engine.discard(version.id);
            return version.size;
        });
    }

    private static NamedBlob lock(String namespace, String key) {
        NamedBlob.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 1))")
                .setParameter(1, namespace + "|" + key).getSingleResult();
        return NamedBlob.findById(new NamedBlob.Key(namespace, key), LockModeType.PESSIMISTIC_WRITE);
    }

    private static String stagingId(String uploadId) {
        return "bs-" + uploadId;
    }
}
