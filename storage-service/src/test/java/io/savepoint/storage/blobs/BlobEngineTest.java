package io.savepoint.storage.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.storage.blobs.store.BlockStore;
import io.savepoint.storage.blobs.store.BlockStoreHealthCheck;
import io.savepoint.testing.PostgresTestResource;

/** The blob engine against the real filesystem and PostgreSQL; {@link S3BlobEngineTest} runs it against s3proxy. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
class BlobEngineTest {

    @Inject
    BlobEngine engine;

    @Inject
    BlobGarbageSweeper sweeper;

    @Inject
    BlockStore store;

    @Inject
    @Readiness
    BlockStoreHealthCheck health;

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
        byte[][] blocks = {bytes(1000, 1), bytes(1000, 2), bytes(500, 3)};
        engine.stage(upload, 2, new ByteArrayInputStream(blocks[2]), 2000, 0, null);
        engine.stage(upload, 0, new ByteArrayInputStream(bytes(1000, 99)), 2000, 0, null);
        engine.stage(upload, 0, new ByteArrayInputStream(blocks[0]), 2000, 0, null); // a retry replaces the block
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> engine.commit(upload, 3, "application/octet-stream")))
                .hasMessageContaining("missing 1 block(s): [1]");
        // a block count far beyond what is staged is named, not listed
        assertThatThrownBy(
                () -> QuarkusTransaction.requiringNew().call(() -> engine.commit(upload, Integer.MAX_VALUE, "application/octet-stream")))
                .hasMessageContaining("missing " + (Integer.MAX_VALUE - 2L) + " block(s): [1, 3, 4, 5, 6, 7, 8, 9, 10, 11] …");
        engine.stage(upload, 1, new ByteArrayInputStream(blocks[1]), 2000, 0, null);
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
    void largeBlocksRoundTripWithTheirDigests() throws Exception {
        String upload = "test-" + UUID.randomUUID();
        byte[] big = bytes(3 * 1024 * 1024 / 2, 11); // past the S3 store's in-memory buffer: spilled to a temporary file
        byte[] tail = bytes(100, 12);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(big));
        BlobEngine.Staged staged = engine.stage(upload, 0, new ByteArrayInputStream(big), 2 * 1024 * 1024, 0, md5).block();
        assertThat(staged.sha256Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big)));
        engine.stage(upload, 1, new ByteArrayInputStream(tail), 2 * 1024 * 1024, 0, null);
        BlobVersion version = QuarkusTransaction.requiringNew().call(() -> engine.commit(upload, 2, "video/mp4"));
        assertThat(version.size).isEqualTo(big.length + 100L);
        assertThat(read(version, 0, version.size)).startsWith(Arrays.copyOf(big, 1000)).endsWith(tail);
        assertThat(read(version, big.length - 10, 20)).isEqualTo(
                ByteBuffer.allocate(20).put(big, big.length - 10, 10).put(tail, 0, 10).array());
        assertThat(read(version, big.length + 100L, 0)).isEmpty();
    }

    @Test
    void theStoreIsReady() {
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void smallVersionsLiveInTheirRow() throws IOException {
        byte[] data = bytes(300, 5);
        BlobVersion inline = QuarkusTransaction.requiringNew().call(() -> engine.commitInline(data, "application/json"));
        String upload = "test-" + UUID.randomUUID();
        engine.stage(upload, 0, new ByteArrayInputStream(data), 1000, 0, null);
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
        assertThatThrownBy(() -> engine.stage(upload, 0, new ByteArrayInputStream(block), 1000, 0,
                Base64.getEncoder().encodeToString(new byte[16]))).isInstanceOf(ChecksumMismatchException.class);
        assertThat(engine.staged(upload)).isEmpty();
        assertThatThrownBy(() -> engine.stage(upload, 0, new ByteArrayInputStream(block), 99, 0, null))
                .isInstanceOf(BlockTooLargeException.class);
        assertThat(engine.stage(upload, 0, new ByteArrayInputStream(block), 1000, 0, md5).block().size()).isEqualTo(100);
    }

    @Test
    void anUploadLimitCountsTheOtherBlocksAndRefusesBlocksThatRace() throws Exception {
        String upload = "test-" + UUID.randomUUID();
        assertThat(engine.stage(upload, 0, new ByteArrayInputStream(bytes(60, 1)), 1000, 100, null).stagedBlocks()).isEqualTo(1);
        assertThatThrownBy(() -> engine.stage(upload, 1, new ByteArrayInputStream(bytes(60, 2)), 1000, 100, null))
                .isInstanceOf(BlockTooLargeException.class).hasMessageContaining("60 bytes");
        // a retried block replaces its copy: it does not count against itself
        engine.stage(upload, 0, new ByteArrayInputStream(bytes(70, 1)), 1000, 100, null);
        assertThat(engine.stage(upload, 1, new ByteArrayInputStream(bytes(30, 2)), 1000, 100, null).stagedBlocks()).isEqualTo(2);

        // eight blocks of 40 bytes race for room for five: exactly five are recorded, the last of them counting five
        String racing = "test-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BlobEngine.StageOutcome>> results = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                int blockNum = n;
                results.add(
                        pool.submit(() -> engine.stage(racing, blockNum, new ByteArrayInputStream(bytes(40, blockNum)), 1000, 200, null)));
            }
            List<Integer> counts = new ArrayList<>();
            int refused = 0;
            for (var result : results) {
                try {
                    counts.add(result.get().stagedBlocks());
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(BlockTooLargeException.class);
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(3);
            assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
            assertThat(engine.staged(racing)).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdleUploadIsSweptUnlessItsCallerAskedToKeepItLonger() throws IOException {
        String idle = "test-" + UUID.randomUUID();
        String kept = "test-" + UUID.randomUUID();
        String keptUntilPast = "test-" + UUID.randomUUID();
        engine.stage(idle, 0, new ByteArrayInputStream(bytes(10, 1)), 100, 0, null);
        engine.stage(kept, 0, new ByteArrayInputStream(bytes(10, 2)), 100, 0, null, Instant.now().plusSeconds(3600));
        engine.stage(keptUntilPast, 0, new ByteArrayInputStream(bytes(10, 3)), 100, 0, null, Instant.now().minusSeconds(1));
        // idle for longer than savepoint.storage.upload-expiry, as the sweeper sees it
        QuarkusTransaction.requiringNew().run(() -> StagedBlock.update("createdAt = ?1 where uploadId in ?2", Instant.EPOCH,
                List.of(idle, kept, keptUntilPast)));
        sweeper.sweep();
        assertThat(engine.staged(idle)).isEmpty();
        assertThat(engine.staged(keptUntilPast)).isEmpty();
        assertThat(engine.staged(kept)).extracting(BlobEngine.Staged::blockNum).containsExactly(0);
    }

    @Test
    void discardedAndAbandonedFilesAreSwept() throws IOException {
        String upload = "test-" + UUID.randomUUID();
        engine.stage(upload, 0, new ByteArrayInputStream(bytes(10, 1)), 100, 0, null);
        BlobVersion version = QuarkusTransaction.requiringNew().call(() -> engine.commit(upload, 1, "application/octet-stream"));
        String committed = QuarkusTransaction.requiringNew().call(() -> version.blocks().get(0).fileKey);
        String abandoned = "test-" + UUID.randomUUID();
        engine.stage(abandoned, 0, new ByteArrayInputStream(bytes(10, 2)), 100, 0, null);
        String staged = QuarkusTransaction.requiringNew().call(
                () -> StagedBlock.<StagedBlock>find("uploadId", abandoned).firstResult().fileKey);
        assertThat(store.exists(committed)).isTrue();
        assertThat(store.exists(staged)).isTrue();

        engine.abandon(abandoned);
        QuarkusTransaction.requiringNew().run(() -> engine.discard(version.id));
        sweeper.sweep();
        assertThat(store.exists(committed)).as("a discarded version stays readable during the grace time").isTrue();
        // an hour later, as the sweeper sees it
        QuarkusTransaction.requiringNew().run(() -> BlobGarbage.update("createdAt = ?1", Instant.EPOCH));
        sweeper.sweep();
        assertThat(store.exists(committed)).isFalse();
        assertThat(store.exists(staged)).isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> BlobGarbage.count())).isZero();
    }

    @Test
    void aBlockWhoseFileWasSweptWhileItWasWrittenIsNotRecorded() {
        String upload = "test-" + UUID.randomUUID();
        InputStream sweptMidway = new FilterInputStream(new ByteArrayInputStream(bytes(300_000, 3))) {
            private boolean swept;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (!swept) {
                    swept = true;
                    // The block has been arriving for longer than the grace time, as the sweeper sees it.
                    CompletableFuture.runAsync(() -> {
                        QuarkusTransaction.requiringNew().run(() -> BlobGarbage.update("createdAt = ?1", Instant.EPOCH));
                        sweeper.sweep();
                    }).join();
                }
                return super.read(buffer, offset, length);
            }
        };
        assertThatThrownBy(() -> engine.stage(upload, 0, sweptMidway, 1_000_000, 0, null))
                .isInstanceOf(BlockConflictException.class).hasMessageContaining("send it again");
        assertThat(engine.staged(upload)).isEmpty();
    }
}
