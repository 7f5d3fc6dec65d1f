package io.savepoint.storage.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.storage.blobs.store.BlockStore;

/**
 * The storage engine. Blocks are staged in the {@link BlockStore} as they arrive (in any order, retries replace); a
 * commit publishes them as a new immutable {@link BlobVersion} in the caller's transaction, so readers see the old
 * version or the new one and commit cost does not depend on size. Unreferenced blocks go through {@link BlobGarbage}
 * and are deleted by {@link BlobGarbageSweeper}, so a crash at any point leaves neither a half-visible version nor an orphan block.
 * All its state is in PostgreSQL: any number of replicas can share one database and one S3 bucket.
 */
@ApplicationScoped
public class BlobEngine {

    private static final Logger LOG = Logger.getLogger(BlobEngine.class);
    /** Garbage rows younger than this may belong to a block still being written, or to a read in progress. */
    static final Duration WRITE_GRACE = Duration.ofHours(1);

    private final BlockStore store;

    BlobEngine(BlockStore store) {
        this.store = store;
    }

    /** A staged block as recorded. */
    public record Staged(int blockNum, long size, String sha256Hex) {
    }

    /** A block as staged, and how many blocks its upload held once it was recorded. */
    public record StageOutcome(Staged block, int stagedBlocks) {
    }

    /**
     * Streams block {@code blockNum} of {@code uploadId} into the block store and records it; staging the same block
     * again replaces it. A block of more than {@code maxBytes} is refused ({@link BlockTooLargeException}), and so is one
     * that would take the upload's staged blocks together past {@code maxUploadBytes} (when above 0), and one whose
     * bytes do not match {@code contentMd5Base64} ({@link ChecksumMismatchException}). The blocks of one upload are
     * recorded one at a time, so the upload limit holds however blocks race, and of racing blocks the one recorded last
     * counts them all. Runs its own transactions: call it outside any.
     */
    public StageOutcome stage(String uploadId, int blockNum, InputStream data, long maxBytes, long maxUploadBytes,
            String contentMd5Base64) {
        return stage(uploadId, blockNum, data, maxBytes, maxUploadBytes, contentMd5Base64, null);
    }

    /** As {@link #stage(String, int, InputStream, long, long, String)}, the upload kept until {@code keepUntil} (null: no promise). */
    public StageOutcome stage(String uploadId, int blockNum, InputStream data, long maxBytes, long maxUploadBytes,
            String contentMd5Base64, Instant keepUntil) {
        return stage(uploadId, blockNum, data, maxBytes, maxUploadBytes, contentMd5Base64, keepUntil, () -> false);
    }

    /**
     * As {@link #stage(String, int, InputStream, long, long, String, Instant)}, but first asks {@code superseded}, in the
     * transaction that announces the block's file: when it answers true nothing is written or recorded (the caller still
     * owns {@code data}) and this returns null.
     */
    public StageOutcome stage(String uploadId, int blockNum, InputStream data, long maxBytes, long maxUploadBytes,
            String contentMd5Base64, Instant keepUntil, BooleanSupplier superseded) {
        byte[] expectedMd5 = null;
        if (contentMd5Base64 != null && !contentMd5Base64.isBlank()) {
            try {
                expectedMd5 = Base64.getDecoder().decode(contentMd5Base64.strip());
            } catch (IllegalArgumentException e) {
                throw new ChecksumMismatchException("Content-MD5 '" + contentMd5Base64 + "' is not base64.");
            }
        }
        String fileKey = BlockStore.newKey();
        Instant now = Instant.now();
        Long othersBefore = QuarkusTransaction.requiringNew().call(() -> {
            if (superseded.getAsBoolean()) {
                return null;
            }
            // The file is garbage until its block is recorded: a crash while it is written leaves no orphan.
            StagedBlock.getEntityManager().createNativeQuery("INSERT INTO blob_garbage (file_key, created_at) VALUES (?1, ?2)")
                    .setParameter(1, fileKey).setParameter(2, now).executeUpdate();
            return maxUploadBytes > 0 ? otherBlocks(uploadId, blockNum).bytes() : 0L;
        });
        if (othersBefore == null) {
            return null;
        }
        // The room left now stops an oversized block early; it is checked again, exactly, when the block is recorded.
        long limit = maxUploadBytes > 0 ? Math.min(maxBytes, maxUploadBytes - othersBefore) : maxBytes;
        if (limit < 0) {
            throw uploadLimitExceeded(blockNum, othersBefore, maxUploadBytes);
        }
        BlockStore.Written written;
        try {
            written = store.write(fileKey, data, limit, expectedMd5);
        } catch (ChecksumMismatchException e) {
            throw new ChecksumMismatchException("Content-MD5 does not match the block's bytes (block " + blockNum + " not stored).");
        } catch (BlockTooLargeException e) {
            throw limit < maxBytes ? uploadLimitExceeded(blockNum, othersBefore, maxUploadBytes) : e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store block " + blockNum + " of upload " + uploadId, e);
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                EntityManager em = StagedBlock.getEntityManager();
                // One block of an upload at a time: the room check and the count below see every block recorded before.
                em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 2))").setParameter(1, uploadId).getSingleResult();
                OtherBlocks others = otherBlocks(uploadId, blockNum);
                if (maxUploadBytes > 0 && others.bytes() + written.size() > maxUploadBytes) {
                    throw uploadLimitExceeded(blockNum, others.bytes(), maxUploadBytes);
                }
                // A retry replaces the block. The replaced file becomes garbage only if its row is deleted here: a commit
                // that took the row (it locks the rows it publishes) keeps the file.
                em.createNativeQuery("""
                        WITH replaced AS (DELETE FROM staged_block WHERE upload_id = ?1 AND block_num = ?2 RETURNING file_key)
                        INSERT INTO blob_garbage (file_key, created_at) SELECT file_key, ?3 FROM replaced""")
                        .setParameter(1, uploadId).setParameter(2, blockNum).setParameter(3, Instant.EPOCH).executeUpdate();
                // Recorded, so no longer garbage. A write slower than the sweeper's grace time finds its garbage row (and
                // so its file) swept: it must not record a block whose file is gone.
                int recorded = em.createNativeQuery("""
                        WITH recorded AS (DELETE FROM blob_garbage WHERE file_key = ?5 RETURNING file_key)
                        INSERT INTO staged_block (upload_id, block_num, size, sha256, file_key, created_at, keep_until)
                        SELECT ?1, ?2, ?3, ?4, file_key, ?6, ?7 FROM recorded""").unwrap(NativeQuery.class)
                        .setParameter(1, uploadId).setParameter(2, blockNum).setParameter(3, written.size())
                        .setParameter(4, written.sha256Hex()).setParameter(5, fileKey).setParameter(6, now)
                        .setParameter(7, keepUntil, Instant.class).executeUpdate();
                if (recorded == 0) {
                    throw new SweptWhileWritten();
                }
                return new StageOutcome(new Staged(blockNum, written.size(), written.sha256Hex()), others.count() + 1);
            });
        } catch (SweptWhileWritten e) {
            deleteQuietly(fileKey);
            throw new BlockConflictException("Block " + blockNum + " of upload " + uploadId + " took longer than " + WRITE_GRACE
                    + " to arrive and was not stored; send it again.");
        } catch (PersistenceException e) {
            // Two first arrivals of the same block raced; this one's file stays in the garbage list.
            throw new BlockConflictException(
                    "Block " + blockNum + " of upload " + uploadId + " is being stored by another request; retry it.");
        }
    }

    /** The sweeper deleted a block's file (and its garbage row) while the block was still being written. */
    private static final class SweptWhileWritten extends RuntimeException {
        SweptWhileWritten() {
            super(null, null, false, false);
        }
    }

    /** Deletes a file no row refers to any more (a store that wrote it after the sweep would keep it forever). */
    private void deleteQuietly(String fileKey) {
        try {
            store.delete(fileKey);
        } catch (IOException e) {
            LOG.warnf(e, "Cannot delete unrecorded block file %s", fileKey);
        }
    }

    /** The upload's blocks other than {@code blockNum}: how many, and their bytes. */
    private record OtherBlocks(int count, long bytes) {
    }

    private static OtherBlocks otherBlocks(String uploadId, int blockNum) {
        Object[] row = (Object[]) StagedBlock.getEntityManager().createNativeQuery(
                "SELECT count(*), coalesce(sum(size), 0) FROM staged_block WHERE upload_id = ?1 AND block_num <> ?2")
                .setParameter(1, uploadId).setParameter(2, blockNum).getSingleResult();
        return new OtherBlocks(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
    }

    private static BlockTooLargeException uploadLimitExceeded(int blockNum, long othersBytes, long maxUploadBytes) {
        return new BlockTooLargeException(maxUploadBytes, "Block " + blockNum + " would take the upload past its limit of " + maxUploadBytes
                + " bytes: its other staged blocks hold " + othersBytes + " bytes.");
    }

    @Transactional
    public List<Staged> staged(String uploadId) {
        return StagedBlock.<StagedBlock>list("uploadId = ?1 order by blockNum", uploadId).stream()
                .map(b -> new Staged(b.blockNum, b.size, b.sha256)).toList();
    }

    /**
     * Publishes blocks 0..blockCount-1 of {@code uploadId} as a new version, in the caller's transaction.
     * Throws {@link IllegalStateException} naming the missing blocks when the set is incomplete.
     */
    @Transactional
    public BlobVersion commit(String uploadId, int blockCount, String contentType) {
        // Locked, so a retried block cannot replace a row between this read and its deletion below.
        List<StagedBlock> staged = StagedBlock.<StagedBlock>find("uploadId = ?1 order by blockNum", uploadId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (!isExactly(staged, blockCount)) {
            throw new IncompleteUploadException("Upload " + uploadId + " cannot be committed: expected blocks 0.." + (blockCount - 1)
                    + ", " + missing(staged, blockCount));
        }
        BlobVersion version = new BlobVersion();
        version.id = UUID.randomUUID();
        version.contentType = contentType;
        version.blockCount = blockCount;
        version.createdAt = Instant.now();
        MessageDigest composite = sha256();
        long offset = 0;
        List<BlobBlock> blocks = new ArrayList<>(blockCount);
        for (StagedBlock s : staged) {
            BlobBlock block = new BlobBlock();
            block.versionId = version.id;
            block.blockIndex = s.blockNum;
            block.startOffset = offset;
            block.size = s.size;
            block.sha256 = s.sha256;
            block.fileKey = s.fileKey;
            blocks.add(block);
            offset += s.size;
            composite.update(s.sha256.getBytes(StandardCharsets.US_ASCII));
        }
        version.size = offset;
        version.checksum = HexFormat.of().formatHex(composite.digest()) + "-" + blockCount;
        version.persist();
        BlobVersion.flush();
        blocks.forEach(b -> b.persist());
        staged.forEach(StagedBlock::delete);
        return version;
    }

    /** Publishes a small version whose bytes live in its row, in the caller's transaction. */
    @Transactional
    public BlobVersion commitInline(byte[] data, String contentType) {
        BlobVersion version = new BlobVersion();
        version.id = UUID.randomUUID();
        version.contentType = contentType;
        version.blockCount = 0;
        version.createdAt = Instant.now();
        version.size = data.length;
        version.inlineData = data;
        // the same checksum a one-block version of these bytes would get
        String blockDigest = HexFormat.of().formatHex(sha256().digest(data));
        version.checksum = HexFormat.of().formatHex(sha256().digest(blockDigest.getBytes(StandardCharsets.US_ASCII))) + "-1";
        version.persist();
        return version;
    }

    /**
     * What a version's bytes are, read in the transaction that authorized the read: streaming it later works even
     * if the version is replaced meanwhile (its files outlive the discard by the garbage grace time).
     */
    public record Content(long size, byte[] inline, List<BlobBlock> blocks) {
        /** Whether the blocks cover the version: a version discarded between reading it and its blocks has none. */
        public boolean isWhole() {
            return inline != null || blocks.stream().mapToLong(b -> b.size).sum() == size;
        }
    }

    @Transactional
    public Content content(BlobVersion version) {
        return new Content(version.size, version.inlineData, version.inlineData != null ? List.of() : version.blocks());
    }

    /** The SHA-256 (hex) of a version's bytes, read from the block store (its checksum only combines the blocks' digests). */
    public String sha256Hex(Content content) throws IOException {
        MessageDigest sha256 = sha256();
        read(content, 0, content.size(), new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Streams {@code length} bytes from {@code offset} of a version's content. */
    public void read(Content content, long offset, long length, OutputStream out) throws IOException {
        if (content.inline() != null) {
            out.write(content.inline(), (int) offset, (int) length);
            return;
        }
        long end = offset + length;
        for (BlobBlock block : content.blocks()) {
            long blockEnd = block.startOffset + block.size;
            if (blockEnd <= offset || block.startOffset >= end) {
                continue;
            }
            long from = Math.max(offset, block.startOffset);
            long to = Math.min(end, blockEnd);
            store.copy(block.fileKey, from - block.startOffset, to - from, out);
        }
    }

    /** Whether the staged blocks, ordered by number, are exactly 0..blockCount-1. */
    private static boolean isExactly(List<StagedBlock> staged, int blockCount) {
        if (staged.size() != blockCount) {
            return false;
        }
        for (int i = 0; i < blockCount; i++) {
            if (staged.get(i).blockNum != i) {
                return false;
            }
        }
        return true;
    }

    /** Which of blocks 0..blockCount-1 are not staged: the first few and how many (a block count may be huge). */
    private static String missing(List<StagedBlock> staged, int blockCount) {
        // Block numbers are unique per upload, so those in range count the present blocks.
        long count = blockCount - staged.stream().filter(b -> b.blockNum >= 0 && b.blockNum < blockCount).count();
        List<Integer> first = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < blockCount && first.size() < 10; i++) {
            while (next < staged.size() && staged.get(next).blockNum < i) {
                next++;
            }
            if (next == staged.size() || staged.get(next).blockNum != i) {
                first.add(i);
            }
        }
        return count == 0 ? "found " + staged.size() + " blocks"
                : "missing " + count + " block(s): " + first + (count > first.size() ? " …" : "");
    }

    /** Forgets a version, in the caller's transaction; its files are deleted by the sweeper. */
    @Transactional
    public void discard(UUID versionId) {
        Instant now = Instant.now();
        for (BlobBlock block : BlobBlock.<BlobBlock>list("versionId", versionId)) {
            // Deleted only after the grace time, so reads that started before the discard finish.
            BlobGarbage.add(block.fileKey, now);
        }
        BlobBlock.delete("versionId", versionId);
        BlobVersion.deleteById(versionId);
    }

    /** Drops the staged blocks of an upload that will not be committed; answers what was dropped. */
    @Transactional
    public List<Staged> abandon(String uploadId) {
        List<StagedBlock> blocks = StagedBlock.<StagedBlock>find("uploadId", uploadId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (StagedBlock block : blocks) {
            BlobGarbage.add(block.fileKey, Instant.EPOCH);
            block.delete();
        }
        return blocks.stream().map(b -> new Staged(b.blockNum, b.size, b.sha256)).toList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
