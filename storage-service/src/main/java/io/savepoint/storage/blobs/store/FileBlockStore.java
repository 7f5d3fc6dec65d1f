package io.savepoint.storage.blobs.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * The filesystem backend: immutable block files under {@code savepoint.storage.data-dir}/blocks. A block is written
 * under its fresh key, fdatasynced and its directory fsynced before {@link #write} returns, so an acknowledged block
 * survives a crash. It needs no temporary name: nothing reads a block before PostgreSQL records it, and a block whose
 * write fails or is cut by a crash is garbage the sweeper deletes. One directory serves one replica (or replicas
 * sharing a POSIX filesystem that honours fsync).
 * <p>
 * Where the filesystem accepts O_DIRECT, blocks are written with it: clip bytes are written once and synced at once,
 * so copying them into the page cache first only costs CPU (a quarter of storage-service's upload CPU when measured)
 * and evicts pages that are read again.
 */
public class FileBlockStore implements BlockStore {

    private static final int READ_BUFFER = 1024 * 1024;
    private static final int DIRECT_BUFFER = 1024 * 1024;
    /** Aligned buffers kept for the next writes (1 MiB of native memory each); more concurrent writes allocate. */
    private static final int SPARE_DIRECT_BUFFERS = 16;

    private final Path blocks;
    /** Where blocks were written before being renamed into place (by earlier versions): only cleaned up now. */
    private final Path incoming;
    /** The alignment O_DIRECT writes need here, or 0: writes go through the page cache. */
    private final int directAlignment;
    private final Queue<ByteBuffer> spareDirectBuffers = new ConcurrentLinkedQueue<>();

    public FileBlockStore(Path dataDir, boolean directIo) throws IOException {
        this.blocks = dataDir.resolve("blocks");
        this.incoming = dataDir.resolve("incoming");
        // Every prefix directory exists, durably, before a block is acknowledged in it: a directory created by the first
        // write in it would need its parent synced too.
        for (int prefix = 0; prefix < 256; prefix++) {
            Files.createDirectories(blocks.resolve(HexFormat.of().toHexDigits((byte) prefix)));
        }
        syncDirectory(blocks);
        syncDirectory(dataDir);
        this.directAlignment = directIo ? directIoAlignment(blocks) : 0;
    }

    @Override
    public Written write(String key, InputStream data, long maxBytes, byte[] expectedMd5) throws IOException {
        Path target = path(key);
        BlockDigests digests;
        try {
            digests = directAlignment > 0 ? writeDirect(target, data, maxBytes, expectedMd5)
                    : writeThroughPageCache(target, data, maxBytes, expectedMd5);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        syncDirectory(target.getParent());
        return digests.written();
    }

    private static BlockDigests writeThroughPageCache(Path target, InputStream data, long maxBytes, byte[] expectedMd5)
            throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            BlockDigests digests = BlockDigests.copy(data, Channels.newOutputStream(out), maxBytes, expectedMd5 != null);
            digests.requireMd5(expectedMd5);
            // The data and the file's size; the directory entry is synced by write.
            out.force(false);
            return digests;
        }
    }

    private BlockDigests writeDirect(Path target, InputStream data, long maxBytes, byte[] expectedMd5) throws IOException {
        ByteBuffer buffer = takeDirectBuffer();
        try (FileChannel out = FileChannel.open(target, directOptions())) {
            DirectOutput direct = new DirectOutput(out, buffer, directAlignment);
            BlockDigests digests = BlockDigests.copy(data, direct, maxBytes, expectedMd5 != null);
            digests.requireMd5(expectedMd5);
            direct.finish(digests.size());
            // O_DIRECT bypasses the page cache, not the disk's write cache or the file's size: both need the sync.
            out.force(false);
            return digests;
        } finally {
            if (spareDirectBuffers.size() < SPARE_DIRECT_BUFFERS) {
                spareDirectBuffers.add(buffer.clear());
            }
        }
    }

    private ByteBuffer takeDirectBuffer() {
        ByteBuffer spare = spareDirectBuffers.poll();
        return spare != null ? spare : ByteBuffer.allocateDirect(DIRECT_BUFFER + directAlignment).alignedSlice(directAlignment);
    }

    private static OpenOption[] directOptions() {
        return new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT};
    }

    /**
     * The alignment O_DIRECT needs in {@code dir}, found by writing a probe file with it, or 0 when the filesystem (or
     * the platform) refuses O_DIRECT: tmpfs on older kernels, some network and overlay filesystems.
     */
    private static int directIoAlignment(Path dir) {
        Path probe = dir.resolve(".direct-io-probe-" + BlockStore.newKey());
        try {
            int alignment = Math.toIntExact(Files.getFileStore(dir).getBlockSize());
            try (FileChannel channel = FileChannel.open(probe, directOptions())) {
                ByteBuffer block = ByteBuffer.allocateDirect(2 * alignment).alignedSlice(alignment);
                while (block.hasRemaining()) {
                    channel.write(block, block.position());
                }
            }
            return alignment;
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
            return 0;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // Harmless: the probe is a few KiB under the block directory, and block keys never collide with it.
            }
        }
    }

    /** Whether blocks are written with O_DIRECT here. */
    boolean writesDirect() {
        return directAlignment > 0;
    }

    /**
     * Fills an aligned buffer and writes it whole at aligned positions, as O_DIRECT requires; {@link #finish} writes the
     * last partial buffer padded to the alignment and cuts the file back to the block's size.
     */
    private static final class DirectOutput extends OutputStream {

        private final FileChannel channel;
        private final ByteBuffer buffer;
        private final int alignment;
        private long position;

        DirectOutput(FileChannel channel, ByteBuffer buffer, int alignment) {
            this.channel = channel;
            this.buffer = buffer;
            this.alignment = alignment;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, buffer.remaining());
                buffer.put(bytes, offset, n);
                offset += n;
                length -= n;
                if (!buffer.hasRemaining()) {
                    writeBuffer();
                }
            }
        }

        void finish(long size) throws IOException {
            if (buffer.position() > 0) {
                int padded = (buffer.position() + alignment - 1) / alignment * alignment;
                buffer.put(new byte[padded - buffer.position()]);
                writeBuffer();
            }
            if (position != size) {
                channel.truncate(size);
            }
        }

        private void writeBuffer() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            buffer.clear();
        }
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
        return "filesystem " + blocks.getParent().toAbsolutePath()
                + (writesDirect() ? " (written with O_DIRECT)" : " (written through the page cache)");
    }

    private Path path(String key) {
        if (!key.matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")) {
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
