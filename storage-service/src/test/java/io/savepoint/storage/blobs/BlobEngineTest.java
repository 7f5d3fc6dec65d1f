package io.savepoint.storage.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.storage.StorageConfig;
import io.savepoint.testing.PostgresTestResource;

/** The blob engine against the real filesystem and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
class BlobEngineTest {

    @Inject
    BlobEngine engine;

    @Inject
    StorageConfig config;

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    byte[] read(BlobVersion version, long offset, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.read(QuarkusTransaction.requiringNew().call(() -> engine.content(version)), offset, length, out);
        return out.toByteArray();
    }

    @Test
    void blocksInAnyOrderAndRetriedBecomeOneVersion() throws IOException {
        String upload = "test-" + UUID.randomUUID();
        byte[][] blocks = { bytes(1000, 1), bytes(1000, 2), bytes(500, 3) };
        engine.stage(upload, 2, new ByteArrayInputStream(blocks[2]), 2000, null);
        engine.stage(upload, 0, new ByteArrayInputStream(bytes(1000, 99)), 2000, null);
        engine.stage(upload, 0, new ByteArrayInputStream(blocks[0]), 2000, null); // a retry replaces the block
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> engine.commit(upload, 3, "application/octet-stream")))
                .hasMessageContaining("missing [1]");
        engine.stage(upload, 1, new ByteArrayInputStream(blocks[1]), 2000, null);
        BlobVersion version = QuarkusTransaction.requiringNew().call(() -> engine.commit(upload, 3, "application/octet-stream"));
        assertThat(version.size).isEqualTo(2500);
        assertThat(version.checksum).endsWith("-3");
        byte[] all = new byte[2500];
        System.arraycopy(blocks[0], 0, all, 0, 1000);
        System.arraycopy(blocks[1], 0, all, 1000, 1000);
        System.arraycopy(blocks[2], 0, all, 2000, 500);
        assertThat(read(version, 0, 2500)).isEqualTo(all);
        assertThat(read(version, 990, 1020)).isEqualTo(Arrays.copyOfRange(all, 990, 2010)); // across three blocks
        assertThat(engine.staged(upload)).isEmpty();
    }

    @Test
    void smallVersionsLiveInTheirRow() throws IOException {
        byte[] data = bytes(300, 5);
        BlobVersion inline = QuarkusTransaction.requiringNew().call(() -> engine.commitInline(data, "application/json"));
        String upload = "test-" + UUID.randomUUID();
        engine.stage(upload, 0, new ByteArrayInputStream(data), 1000, null);
        BlobVersion blocks = QuarkusTransaction.requiringNew().call(() -> engine.commit(upload, 1, "application/json"));
        assertThat(inline.checksum).isEqualTo(blocks.checksum);
        BlobVersion reloaded = QuarkusTransaction.requiringNew().call(() -> BlobVersion.<BlobVersion>findById(inline.id));
        assertThat(read(reloaded, 0, 300)).isEqualTo(data);
        assertThat(read(reloaded, 100, 50)).isEqualTo(Arrays.copyOfRange(data, 100, 150));
    }

    @Test
    void contentMd5AndSizeLimitsRefuseTheBlock() throws Exception {
        String upload = "test-" + UUID.randomUUID();
        byte[] block = bytes(100, 7);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(block));
        assertThatThrownBy(() -> engine.stage(upload, 0, new ByteArrayInputStream(block), 1000,
                Base64.getEncoder().encodeToString(new byte[16]))).isInstanceOf(ChecksumMismatchException.class);
        assertThat(engine.staged(upload)).isEmpty();
        assertThatThrownBy(() -> engine.stage(upload, 0, new ByteArrayInputStream(block), 99, null))
                .isInstanceOf(BlockTooLargeException.class);
        assertThat(engine.stage(upload, 0, new ByteArrayInputStream(block), 1000, md5).size()).isEqualTo(100);
    }

    @Test
    void discardedAndAbandonedFilesAreSwept() {
        String upload = "test-" + UUID.randomUUID();
        engine.stage(upload, 0, new ByteArrayInputStream(bytes(10, 1)), 100, null);
        BlobVersion version = QuarkusTransaction.requiringNew().call(() -> engine.commit(upload, 1, "application/octet-stream"));
        Path committed = file(QuarkusTransaction.requiringNew().call(() -> version.blocks().get(0).fileKey));
        String abandoned = "test-" + UUID.randomUUID();
        engine.stage(abandoned, 0, new ByteArrayInputStream(bytes(10, 2)), 100, null);
        Path staged = file(QuarkusTransaction.requiringNew().call(
                () -> StagedBlock.<StagedBlock>find("uploadId", abandoned).firstResult().fileKey));
        assertThat(committed).exists();
        assertThat(staged).exists();

        engine.abandon(abandoned);
        QuarkusTransaction.requiringNew().run(() -> engine.discard(version.id));
        engine.sweep();
        assertThat(committed).as("a discarded version stays readable during the grace time").exists();
        // an hour later, as the sweeper sees it
        QuarkusTransaction.requiringNew().run(() -> BlobGarbage.update("createdAt = ?1", java.time.Instant.EPOCH));
        engine.sweep();
        assertThat(committed).doesNotExist();
        assertThat(staged).doesNotExist();
        assertThat(QuarkusTransaction.requiringNew().call(() -> BlobGarbage.count())).isZero();
    }

    Path file(String fileKey) {
        return config.dataDir().resolve("blocks").resolve(fileKey.substring(0, 2)).resolve(fileKey);
    }
}
