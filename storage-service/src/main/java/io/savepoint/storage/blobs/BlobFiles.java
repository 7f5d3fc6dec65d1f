package io.savepoint.storage.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.savepoint.storage.StorageConfig;

/**
 * The filesystem backend: immutable block files under {@code savepoint.storage.data-dir}/blocks. A block is written to
 * a temporary file, fsynced, renamed into place and its directory fsynced, so an acknowledged block survives a crash.
 */
@ApplicationScoped
public class BlobFiles {

    private static final int BUFFER = 64 * 1024;

    private final Path blocks;
    private final Path incoming;

    BlobFiles(StorageConfig config) throws IOException {
        Path dataDir = config.dataDir();
        this.blocks = dataDir.resolve("blocks");
        this.incoming = dataDir.resolve("incoming");
        Files.createDirectories(blocks);
        Files.createDirectories(incoming);
    }

    public static String newFileKey() {
        return UUID.randomUUID().toString();
    }

    /** What was written: size and digests, computed while streaming. */
    public record Written(long size, String sha256Hex, byte[] md5) {
    }

    /** Streams {@code data} into the block file {@code fileKey}, refusing more than {@code maxBytes}. */
    public Written write(String fileKey, InputStream data, long maxBytes) throws IOException {
        Path temp = incoming.resolve(fileKey + ".part");
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        long size = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = data.read(buffer)) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw new BlockTooLargeException(maxBytes);
                }
                sha256.update(buffer, 0, read);
                md5.update(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Path target = path(fileKey);
        Files.createDirectories(target.getParent());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
        return new Written(size, HexFormat.of().formatHex(sha256.digest()), md5.digest());
    }

    /** Copies {@code length} bytes of a block file from {@code offset} to {@code out}. */
    public void copy(String fileKey, long offset, long length, OutputStream out) throws IOException {
        try (FileChannel in = FileChannel.open(path(fileKey), StandardOpenOption.READ)) {
            long done = 0;
            var target = Channels.newChannel(out);
            while (done < length) {
                long n = in.transferTo(offset + done, length - done, target);
                if (n <= 0) {
                    throw new IOException("Block file " + fileKey + " is shorter than recorded");
                }
                done += n;
            }
        }
    }

    public void delete(String fileKey) throws IOException {
        Files.deleteIfExists(path(fileKey));
        Files.deleteIfExists(incoming.resolve(fileKey + ".part"));
    }

    private Path path(String fileKey) {
        if (!fileKey.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("Bad block file key " + fileKey);
        }
        return blocks.resolve(fileKey.substring(0, 2)).resolve(fileKey);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems cannot open directories for sync; the file itself is already on disk.
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
