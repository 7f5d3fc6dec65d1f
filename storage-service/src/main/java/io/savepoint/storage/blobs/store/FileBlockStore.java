package io.savepoint.storage.blobs.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The filesystem backend: immutable block files under {@code savepoint.storage.data-dir}/blocks. A block is written
 * under its fresh key, fdatasynced and its directory fsynced before {@link #write} returns, so an acknowledged block
 * survives a crash. It needs no temporary name: nothing reads a block before PostgreSQL records it, and a block whose
 * write fails or is cut by a crash is garbage the sweeper deletes. One directory serves one replica (or replicas
 * sharing a POSIX filesystem that honours fsync).
 */
public class FileBlockStore implements BlockStore {

    private static final int READ_BUFFER = 1024 * 1024;

    private final Path blocks;
    /** Where blocks were written before being renamed into place (by earlier versions): only cleaned up now. */
    private final Path incoming;

    public FileBlockStore(Path dataDir) throws IOException {
        this.blocks = dataDir.resolve("blocks");
        this.incoming = dataDir.resolve("incoming");
        Files.createDirectories(blocks);
    }

    @Override
    public Written write(String key, InputStream data, long maxBytes, byte[] expectedMd5) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        BlockDigests digests;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            digests = BlockDigests.copy(data, Channels.newOutputStream(out), maxBytes, expectedMd5 != null);
            digests.requireMd5(expectedMd5);
            // The data and the file's size; the directory entry is synced below.
            out.force(false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        syncDirectory(target.getParent());
        return digests.written();
    }

    @Override
    public void copy(String key, long offset, long length, OutputStream out) throws IOException {
        // Large reads: transferTo into a stream's channel moved 8 KiB per system call, with two copies each.
        byte[] buffer = new byte[(int) Math.min(length, READ_BUFFER)];
        ByteBuffer view = ByteBuffer.wrap(buffer);
        try (FileChannel in = FileChannel.open(path(key), StandardOpenOption.READ)) {
            long done = 0;
            while (done < length) {
                view.clear().limit((int) Math.min(buffer.length, length - done));
                int n = in.read(view, offset + done);
                if (n <= 0) {
                    throw new IOException("Block file " + key + " is shorter than recorded");
                }
                out.write(buffer, 0, n);
                done += n;
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
        Files.deleteIfExists(incoming.resolve(key + ".part"));
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(path(key));
    }

    @Override
    public void check() throws IOException {
        if (!Files.isDirectory(blocks) || !Files.isWritable(blocks)) {
            throw new IOException("Block directory " + blocks + " is not a writable directory");
        }
    }

    @Override
    public String describe() {
        return "filesystem " + blocks.getParent().toAbsolutePath();
    }

    private Path path(String key) {
        if (!key.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("Bad block key " + key);
        }
        return blocks.resolve(key.substring(0, 2)).resolve(key);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems cannot open directories for sync; the file itself is already on disk.
        }
    }
}
