package io.savepoint.storage.blobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.savepoint.storage.blobs.BlockTooLargeException;
import io.savepoint.storage.blobs.ChecksumMismatchException;

/** The filesystem backend on its own, with O_DIRECT writes and through the page cache: every size reads back whole. */
class FileBlockStoreTest {

    private static final int MiB = 1024 * 1024;
    /** Around the 4 KiB alignment and the 1 MiB write buffer, up to a 2 MiB clip block. */
    private static final List<Integer> SIZES = List.of(0, 1, 4095, 4096, 4097, 65_536, MiB - 1, MiB, MiB + 1, 2 * MiB - 17, 2 * MiB);

    private Path dataDir;

    @BeforeEach
    void newDirectory() throws IOException {
        // Under target/ (the project's filesystem), not /tmp, which may be a tmpfs that refuses O_DIRECT.
        Files.createDirectories(Path.of("target"));
        dataDir = Files.createTempDirectory(Path.of("target"), "file-block-store-");
    }

    @Test
    void writesWithDirectIoWhereTheFilesystemTakesIt() throws IOException {
        String type = Files.getFileStore(dataDir).type();
        assumeTrue(type.equals("ext4") || type.equals("xfs") || type.equals("btrfs"),
                "O_DIRECT is only expected on ext4, xfs and btrfs; target/ is on " + type);
        FileBlockStore store = new FileBlockStore(dataDir, true);
        assertThat(store.writesDirect()).isTrue();
        assertThat(store.describe()).endsWith("(written with O_DIRECT)");
        assertThat(new FileBlockStore(dataDir, false).describe()).endsWith("(written through the page cache)");
        try (Stream<Path> left = Files.list(dataDir.resolve("blocks"))) {
            // what is left: the 256 prefix directories, made (and synced) before any block is written
            assertThat(left.map(path -> path.getFileName().toString() + (Files.isDirectory(path) ? "/" : "")))
                    .as("the O_DIRECT probe file is removed").hasSize(256).allMatch(name -> name.matches("[0-9a-f]{2}/"));
        }
    }

    @ParameterizedTest(name = "directIo={0}")
    @ValueSource(booleans = {true, false})
    void everySizeReadsBackWholeWithItsSha256(boolean directIo) throws Exception {
        FileBlockStore store = new FileBlockStore(dataDir, directIo);
        Random random = new Random(7);
        for (int size : SIZES) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            String key = BlockStore.newKey();
            BlockStore.Written written = store.write(key, trickle(bytes), 2 * MiB, MessageDigest.getInstance("MD5").digest(bytes));

            assertThat(written.size()).as("size of a %d-byte block", size).isEqualTo(size);
            assertThat(written.sha256Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(Files.size(dataDir.resolve("blocks").resolve(key.substring(0, 2)).resolve(key))).isEqualTo(size);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            store.copy(key, 0, size, whole);
            assertThat(whole.toByteArray()).as("bytes of a %d-byte block", size).isEqualTo(bytes);
            if (size > 2) {
                ByteArrayOutputStream middle = new ByteArrayOutputStream();
                store.copy(key, 1, size - 2, middle);
                assertThat(middle.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 1, size - 1));
            }
        }
    }

    @ParameterizedTest(name = "directIo={0}")
    @ValueSource(booleans = {true, false})
    void refusedBlocksLeaveNoFile(boolean directIo) throws Exception {
        FileBlockStore store = new FileBlockStore(dataDir, directIo);
        byte[] bytes = new byte[MiB + 5];
        new Random(11).nextBytes(bytes);

        String wrongMd5 = BlockStore.newKey();
        byte[] otherMd5 = MessageDigest.getInstance("MD5").digest(new byte[] {1});
        assertThatThrownBy(() -> store.write(wrongMd5, trickle(bytes), 2 * MiB, otherMd5)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(store.exists(wrongMd5)).isFalse();

        String tooLarge = BlockStore.newKey();
        assertThatThrownBy(() -> store.write(tooLarge, trickle(bytes), MiB, null)).isInstanceOf(BlockTooLargeException.class);
        assertThat(store.exists(tooLarge)).isFalse();

        String cut = BlockStore.newKey();
        InputStream failing = new InputStream() {
            private final InputStream first = new ByteArrayInputStream(bytes, 0, MiB + 1);

            @Override
            public int read() throws IOException {
                throw new IOException("unused");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = first.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
        assertThatThrownBy(() -> store.write(cut, failing, 2 * MiB, null)).hasMessage("connection reset");
        assertThat(store.exists(cut)).isFalse();

        // The buffers of the refused writes are reused: the next block is still whole.
        String next = BlockStore.newKey();
        assertThat(store.write(next, trickle(bytes), 2 * MiB, null).size()).isEqualTo(bytes.length);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        store.copy(next, 0, bytes.length, back);
        assertThat(back.toByteArray()).isEqualTo(bytes);
    }

    /** The bytes in uneven reads of at most 10,000 bytes, as gRPC chunks arrive in pieces. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 10_000));
            }
        };
    }
}
