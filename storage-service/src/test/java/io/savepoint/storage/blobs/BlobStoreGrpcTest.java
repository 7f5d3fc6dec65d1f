package io.savepoint.storage.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.grpc.v1.AbandonUploadResponse;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.BlobStore;
import io.savepoint.grpc.v1.BlobStoreGrpc;
import io.savepoint.grpc.v1.CommitRequest;
import io.savepoint.grpc.v1.ReadChunk;
import io.savepoint.grpc.v1.ReadRangeRequest;
import io.savepoint.grpc.v1.StageBlockChunk;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.grpc.v1.StagedBlock;
import io.savepoint.grpc.v1.UploadRef;
import io.savepoint.testing.PostgresTestResource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** BlobStore over real gRPC: blocks streamed in parallel and out of order, atomic commit, ranged streaming reads. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
class BlobStoreGrpcTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @GrpcClient("blob-store")
    BlobStore store;

    /** Reads a server stream one message per next(), as transfer-service does. */
    @GrpcClient("blob-store")
    BlobStoreGrpc.BlobStoreBlockingStub blocking;

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    Uni<StagedBlock> stage(BlobRef blob, String upload, int blockNum, byte[] data, String md5Hex) {
        List<StageBlockChunk> chunks = new ArrayList<>();
        chunks.add(StageBlockChunk.newBuilder().setHeader(StageBlockHeader.newBuilder().setBlob(blob).setUploadId(upload)
                .setBlockNum(blockNum).setMd5Hex(md5Hex == null ? "" : md5Hex)).build());
        for (int off = 0; off < data.length; off += 100_000) {
            chunks.add(StageBlockChunk.newBuilder().setData(ByteString.copyFrom(data, off, Math.min(100_000, data.length - off))).build());
        }
        return store.stageBlock(Multi.createFrom().iterable(chunks));
    }

    byte[] read(BlobRef blob, long offset, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.readRange(ReadRangeRequest.newBuilder().setBlob(blob).setOffset(offset).setLength(length).build())
                .subscribe().asIterable().forEach(c -> out.writeBytes(c.getData().toByteArray()));
        return out.toByteArray();
    }

    byte[] readVersion(BlobRef blob, String etag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blocking.readRange(ReadRangeRequest.newBuilder().setBlob(blob).setIfMatchEtag(etag).build())
                .forEachRemaining(c -> out.writeBytes(c.getData().toByteArray()));
        return out.toByteArray();
    }

    @Test
    void parallelBlocksCommitAtomicallyAndStreamBack() throws Exception {
        BlobRef blob = BlobRef.newBuilder().setNamespace("gameclips").setKey("clip-" + UUID.randomUUID()).build();
        String upload = UUID.randomUUID().toString();
        byte[][] blocks = new byte[7][];
        List<Uni<StagedBlock>> staging = new ArrayList<>();
        for (int i = 6; i >= 0; i--) {
            blocks[i] = bytes(i == 6 ? 12_345 : 300_000, i);
            staging.add(stage(blob, upload, i, blocks[i], null));
        }
        List<StagedBlock> staged = Uni.join().all(staging).andFailFast().await().atMost(WAIT);
        // each counts after its own block was recorded: the last one recorded sees all seven
        assertThat(staged).extracting(StagedBlock::getStagedBlocks).allSatisfy(n -> assertThat(n).isBetween(1, 7)).contains(7);

        var version = store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(7)
                .setContentType("video/mp4").build()).await().atMost(WAIT);
        assertThat(version.getSize()).isEqualTo(6 * 300_000 + 12_345);
        assertThat(version.getContentType()).isEqualTo("video/mp4");
        // a retried commit answers the same version
        assertThat(store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(7).build())
                .await().atMost(WAIT).getEtag()).isEqualTo(version.getEtag());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] b : blocks) {
            expected.write(b);
        }
        byte[] all = expected.toByteArray();
        assertThat(MessageDigest.getInstance("SHA-256").digest(read(blob, 0, 0)))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(all));
        assertThat(read(blob, 299_990, 20)).isEqualTo(Arrays.copyOfRange(all, 299_990, 300_010));
        // a range at the very end is empty, and a length past the end (even one that overflows) reads to the end
        assertThat(read(blob, all.length, 0)).isEmpty();
        assertThat(read(blob, all.length, 5)).isEmpty();
        assertThat(read(blob, all.length - 10, Long.MAX_VALUE)).isEqualTo(Arrays.copyOfRange(all, all.length - 10, all.length));
        // a read of one version: the current one reads, another (a download whose headers named a replaced version) is refused
        assertThat(readVersion(blob, version.getEtag())).isEqualTo(all);
        assertThatThrownBy(() -> readVersion(blob, "0123456789abcdef"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("was replaced").contains(version.getEtag());
                });
        assertThat(store.stat(blob).await().atMost(WAIT).getEtag()).isEqualTo(version.getEtag());
        // the SHA-256 of the bytes themselves (the version's checksum only combines the blocks' digests)
        var digest = store.digest(blob).await().atMost(WAIT);
        assertThat(digest.getSha256Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all)))
                .isNotEqualTo(version.getSha256Hex());
        assertThat(digest.getSize()).isEqualTo(all.length);
        assertThat(digest.getEtag()).isEqualTo(version.getEtag());

        var deleted = store.delete(blob).await().atMost(WAIT);
        assertThat(deleted.getExisted()).isTrue();
        assertThat(deleted.getFreedBytes()).isEqualTo(all.length);
        assertThat(store.delete(blob).await().atMost(WAIT).getExisted()).isFalse();
        assertThatThrownBy(() -> store.stat(blob).await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> store.digest(blob).await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void readsDuringReplacementsSeeOneWholeVersion() throws Exception {
        BlobRef blob = BlobRef.newBuilder().setNamespace("gameclips").setKey("thumb-" + UUID.randomUUID()).build();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        AtomicBoolean replacing = new AtomicBoolean(true);
        // Each version is three blocks, so a read that paired a version with another's blocks (or none) would show.
        Runnable replaceOnce = () -> {
            String upload = UUID.randomUUID().toString();
            byte[] content = bytes(3 * 1000, upload.hashCode());
            versions.add(sha256Hex(content));
            for (int n = 0; n < 3; n++) {
                stage(blob, upload, n, Arrays.copyOfRange(content, n * 1000, n * 1000 + 1000), null).await().atMost(WAIT);
            }
            store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(3).build()).await().atMost(WAIT);
        };
        replaceOnce.run();
        CompletableFuture<Void> replacements = CompletableFuture.runAsync(() -> {
            while (replacing.get()) {
                replaceOnce.run();
            }
        });
        try {
            for (int i = 0; i < 150; i++) {
                assertThat(store.stat(blob).await().atMost(WAIT).getSize()).isEqualTo(3000);
                assertThat(versions).contains(sha256Hex(read(blob, 0, 0)));
                assertThat(versions).contains(store.digest(blob).await().atMost(WAIT).getSha256Hex());
            }
        } finally {
            replacing.set(false);
            replacements.get(1, TimeUnit.MINUTES);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEmptyBlobReadsAsNoBytes() {
        BlobRef blob = BlobRef.newBuilder().setNamespace("titlestorage").setKey("empty-" + UUID.randomUUID()).build();
        String upload = UUID.randomUUID().toString();
        stage(blob, upload, 0, new byte[0], null).await().atMost(WAIT);
        assertThat(store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(1).build()).await().atMost(WAIT)
                .getSize()).isZero();
        assertThat(read(blob, 0, 0)).isEmpty();
        assertThat(read(blob, 0, 10)).isEmpty();
    }

    @Test
    void aSlowReaderIsSentAtItsPaceNotReadAheadOfIt() throws Exception {
        BlobRef blob = BlobRef.newBuilder().setNamespace("gameclips").setKey("clip-" + UUID.randomUUID()).build();
        String upload = UUID.randomUUID().toString();
        int blocks = 16;
        int blockBytes = 4 << 20;
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        for (int n = 0; n < blocks; n++) {
            byte[] block = bytes(blockBytes, 100 + n);
            whole.update(block);
            stage(blob, upload, n, block, null).await().atMost(WAIT);
        }
        store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(blocks).build()).await().atMost(WAIT);

        // storage-service runs in this JVM: what it reads from its block files shows in this process' read bytes.
        long before = bytesReadByThisProcess();
        Iterator<ReadChunk> chunks = blocking.readRange(ReadRangeRequest.newBuilder().setBlob(blob).build());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        received.update(chunks.next().getData().toByteArray());
        Thread.sleep(2000);
        long readWhileWaiting = bytesReadByThisProcess() - before;
        // The 64 MiB blob would be read whole at disk speed; the caller's flow-control window is 1 MiB and storage
        // reads 1 MiB ahead of what it can send.
        assertThat(readWhileWaiting).as("bytes read for a reader that took one 64 KiB message").isLessThan(16L << 20);

        chunks.forEachRemaining(c -> received.update(c.getData().toByteArray()));
        assertThat(received.digest()).isEqualTo(whole.digest());
    }

    private static long bytesReadByThisProcess() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/io")).stream().filter(l -> l.startsWith("rchar:"))
                .mapToLong(l -> Long.parseLong(l.substring("rchar:".length()).strip())).findFirst().orElseThrow();
    }

    @Test
    void stagingAnswersTheStagedCountAndNamesAnAlreadyCommittedUpload() {
        BlobRef blob = BlobRef.newBuilder().setNamespace("gameclips").setKey("clip-" + UUID.randomUUID()).build();
        String upload = UUID.randomUUID().toString();
        StagedBlock first = stage(blob, upload, 1, bytes(500, 1), null).await().atMost(WAIT);
        assertThat(first.getStagedBlocks()).isEqualTo(1);
        assertThat(first.getUploadCommitted()).isFalse();
        assertThat(stage(blob, upload, 0, bytes(400, 0), null).await().atMost(WAIT).getStagedBlocks()).isEqualTo(2);
        // a retried block replaces its copy: still two
        assertThat(stage(blob, upload, 0, bytes(400, 0), null).await().atMost(WAIT).getStagedBlocks()).isEqualTo(2);

        var version = store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(2).build())
                .await().atMost(WAIT);
        StagedBlock retried = stage(blob, upload, 1, bytes(500, 1), null).await().atMost(WAIT);
        assertThat(retried.getUploadCommitted()).isTrue();
        assertThat(retried.getBlockNum()).isEqualTo(1);
        assertThat(retried.getStagedBlocks()).isZero();
        // nothing was staged, and committing again answers the same version
        assertThat(store.listStagedBlocks(UploadRef.newBuilder().setUploadId(upload).build()).await().atMost(WAIT).getBlocksList())
                .isEmpty();
        assertThat(store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(2).build())
                .await().atMost(WAIT).getEtag()).isEqualTo(version.getEtag());
        assertThat(version.getSize()).isEqualTo(900);

        // another upload of the same blob is staged as usual
        assertThat(stage(blob, UUID.randomUUID().toString(), 0, bytes(10, 2), null).await().atMost(WAIT).getUploadCommitted()).isFalse();
    }

    @Test
    void badBlocksAndIncompleteCommitsAreRefused() throws Exception {
        BlobRef blob = BlobRef.newBuilder().setNamespace("gameclips").setKey("clip-" + UUID.randomUUID()).build();
        String upload = UUID.randomUUID().toString();
        byte[] data = bytes(1000, 1);
        assertThatThrownBy(() -> stage(blob, upload, 0, data, "00000000000000000000000000000000").await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("Content-MD5");
                });
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        assertThat(stage(blob, upload, 0, data, md5).await().atMost(WAIT).getSize()).isEqualTo(1000);
        assertThatThrownBy(() -> store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(2).build())
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("missing 1 block(s): [1]");
                });
        assertThatThrownBy(() -> store.stageBlock(Multi.createFrom().item(StageBlockChunk.newBuilder()
                .setData(ByteString.copyFromUtf8("no header")).build())).await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        // names and values the tables cannot hold are refused up front, naming the field (not UNKNOWN from the database)
        assertInvalid(() -> stage(blob, "u".repeat(126), 0, data, null).await().atMost(WAIT), "upload_id is longer than 125");
        assertInvalid(() -> stage(blob.toBuilder().setKey("k".repeat(1025)).build(), upload, 0, data, null).await().atMost(WAIT),
                "blob.key is longer than 1024");
        assertInvalid(() -> store.stageBlock(Multi.createFrom().items(StageBlockChunk.newBuilder().setHeader(StageBlockHeader.newBuilder()
                .setBlob(blob).setUploadId(upload).setKeepUntilEpochMillis(Long.MAX_VALUE)).build(),
                StageBlockChunk.newBuilder().setData(ByteString.copyFrom(data)).build())).await().atMost(WAIT), "keep_until_epoch_millis");
        assertInvalid(() -> store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(1)
                .setContentType("x".repeat(101)).build()).await().atMost(WAIT), "content_type is longer than 100");
    }

    private static void assertInvalid(Runnable call, String descriptionPart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(descriptionPart);
        });
    }

    @Test
    void stagedBlocksAreListedForResumeAndCanBeAbandoned() {
        BlobRef blob = BlobRef.newBuilder().setNamespace("gameclips").setKey("clip-" + UUID.randomUUID()).build();
        String upload = UUID.randomUUID().toString();
        UploadRef ref = UploadRef.newBuilder().setUploadId(upload).build();
        stage(blob, upload, 3, bytes(700, 3), null).await().atMost(WAIT);
        stage(blob, upload, 1, bytes(500, 1), null).await().atMost(WAIT);
        assertThat(store.listStagedBlocks(ref).await().atMost(WAIT).getBlocksList())
                .extracting(StagedBlock::getBlockNum, StagedBlock::getSize).containsExactly(tuple(1, 500L), tuple(3, 700L));

        AbandonUploadResponse dropped = store.abandonUpload(ref).await().atMost(WAIT);
        assertThat(dropped.getDroppedBlocks()).isEqualTo(2);
        assertThat(dropped.getDroppedBytes()).isEqualTo(1200);
        assertThat(store.listStagedBlocks(ref).await().atMost(WAIT).getBlocksList()).isEmpty();
        assertThat(store.abandonUpload(ref).await().atMost(WAIT).getDroppedBlocks()).isZero();
        assertThatThrownBy(() -> store.commit(CommitRequest.newBuilder().setBlob(blob).setUploadId(upload).setBlockCount(1).build())
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    }
}
