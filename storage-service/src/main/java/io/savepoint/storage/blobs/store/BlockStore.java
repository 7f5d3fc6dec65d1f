package io.savepoint.storage.blobs.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where block bytes live: immutable blocks, written once under a fresh key, read by range, deleted by the sweeper.
 * Everything else (which blocks make a version, what is garbage) is in PostgreSQL, so any replica can serve any block.
 * Implementations: {@link FileBlockStore} (a directory, the default) and {@link S3BlockStore} (an S3-compatible bucket),
 * chosen by {@code savepoint.storage.backend}.
 */
public interface BlockStore extends AutoCloseable {

    /** What was stored: size and SHA-256, computed while streaming. */
    record Written(long size, String sha256Hex) {
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    /**
     * Streams {@code data} into block {@code key}. Refuses more than {@code maxBytes}
     * ({@link io.savepoint.storage.blobs.BlockTooLargeException}) and, when {@code expectedMd5} is given, bytes of another
     * MD5 ({@link io.savepoint.storage.blobs.ChecksumMismatchException}); a refused block is not stored. When this returns,
     * the block is durable.
     */
    Written write(String key, InputStream data, long maxBytes, byte[] expectedMd5) throws IOException;

    /** Copies {@code length} bytes of block {@code key} from {@code offset} to {@code out}. */
    void copy(String key, long offset, long length, OutputStream out) throws IOException;

    /** Deletes block {@code key}, and anything a write of it left behind; deleting a missing block succeeds. */
    void delete(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Throws when the store cannot be used now (readiness). */
    void check() throws IOException;

    /** Where blocks go, for logs: never credentials. */
    String describe();

    @Override
    default void close() {
    }
}
