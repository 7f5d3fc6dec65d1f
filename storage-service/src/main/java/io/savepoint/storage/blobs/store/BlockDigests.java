package io.savepoint.storage.blobs.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.savepoint.storage.blobs.BlockTooLargeException;
import io.savepoint.storage.blobs.ChecksumMismatchException;

/**
 * Copies a block from its source, computing SHA-256 (and MD5 when asked: it costs about as much again, so only when a
 * Content-MD5 is checked or the store sends one) and enforcing the size limit on the way.
 */
final class BlockDigests {

    private static final int BUFFER = 64 * 1024;

    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest md5;
    private long size;
    private byte[] md5Bytes;
    private String sha256Hex;

    private BlockDigests(boolean withMd5) {
        this.md5 = withMd5 ? digest("MD5") : null;
    }

    /**
     * Copies all of {@code data} to {@code out}; past {@code maxBytes} throws {@link BlockTooLargeException}. The MD5 is
     * computed only {@code withMd5}.
     */
    static BlockDigests copy(InputStream data, OutputStream out, long maxBytes, boolean withMd5) throws IOException {
        BlockDigests digests = new BlockDigests(withMd5);
        byte[] buffer = new byte[BUFFER];
        int read;
        while ((read = data.read(buffer)) != -1) {
            digests.size += read;
            if (digests.size > maxBytes) {
                throw new BlockTooLargeException(maxBytes);
            }
            digests.sha256.update(buffer, 0, read);
            if (digests.md5 != null) {
                digests.md5.update(buffer, 0, read);
            }
            out.write(buffer, 0, read);
        }
        digests.md5Bytes = digests.md5 == null ? null : digests.md5.digest();
        digests.sha256Hex = HexFormat.of().formatHex(digests.sha256.digest());
        return digests;
    }

    /** Refuses the block when an expected MD5 is given and differs; copy with MD5 when one may be given. */
    void requireMd5(byte[] expected) {
        if (expected != null && !MessageDigest.isEqual(expected, md5Bytes)) {
            throw new ChecksumMismatchException("Content-MD5 does not match the block's bytes.");
        }
    }

    long size() {
        return size;
    }

    byte[] md5() {
        if (md5Bytes == null) {
            throw new IllegalStateException("The block was copied without MD5");
        }
        return md5Bytes.clone();
    }

    BlockStore.Written written() {
        return new BlockStore.Written(size, sha256Hex);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
