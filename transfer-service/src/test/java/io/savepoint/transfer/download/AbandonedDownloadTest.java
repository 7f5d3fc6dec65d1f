package io.savepoint.transfer.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.OwnerScope;
import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.testing.AllPeersResource;
import io.savepoint.transfer.peers.StorageBlobClient;

/**
 * A client that stops reading a download (a player seeking, a user giving up) stops the read in storage-service too:
 * counted in the 64 KiB ReadRange messages transfer-service receives.
 */
@QuarkusTest
@WithTestResource(AllPeersResource.class)
class AbandonedDownloadTest {

    private static final int MiB = 1024 * 1024;
    private static final int BLOCK = 4 * MiB;
    private static final int BLOCKS = 16;

    @Inject
    StorageBlobClient blobs;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "savepoint.download-uris.secret")
    String downloadSecret;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aDownloadCutAfterOneMibReadsLittleMoreThanThatFromStorage() throws Exception {
        String clipId = UUID.randomUUID().toString();
        store(clipId);
        String uri = new ClipAssetUris(downloadSecret, Clock.systemUTC()).sign(base.toString(), clipId, ClipAssetUris.Asset.VIDEO,
                Instant.now().plusSeconds(120));

        double before = readRangeMessages();
        HttpURLConnection connection = (HttpURLConnection) URI.create(uri).toURL().openConnection();
        connection.setRequestProperty("Range", "bytes=0-");
        assertEquals(206, connection.getResponseCode());
        try (InputStream body = connection.getInputStream()) {
            assertEquals(MiB, body.readNBytes(MiB).length);
        }
        connection.disconnect();
        double read = settledReadRangeMessages() - before;

        // 1 MiB is 16 messages; the whole 64 MiB clip would be 1024. In flight when the client left: socket and
        // HTTP/2 flow-control buffers, a few MiB.
        assertTrue(read >= 16, "the download went through storage-service's ReadRange: " + read + " messages");
        assertTrue(read < 256, "storage-service sent " + read + " messages of 64 KiB for a download cut after 1 MiB");
    }

    private void store(String clipId) {
        BlobRef blob = BlobRef.newBuilder().setNamespace(ClipAssetUris.BLOB_NAMESPACE)
                .setKey(ClipAssetUris.blobKey(clipId, ClipAssetUris.Asset.VIDEO)).build();
        OwnerScope owner = OwnerScope.newBuilder().setSandboxId("XDKS.1").setScid("00000000-0000-0000-0000-0000075e3a40")
                .setOwner("2533274800000901").build();
        byte[] bytes = new byte[BLOCK];
        Random random = new Random(9);
        for (int n = 0; n < BLOCKS; n++) {
            random.nextBytes(bytes);
            blobs.stage(StageBlockHeader.newBuilder().setBlob(blob).setUploadId(clipId).setBlockNum(n).setOwner(owner)
                    .setMaxBlockBytes(BLOCK).build(), new ByteArrayInputStream(bytes), "block too large");
        }
        assertTrue(blobs.commit(blob, clipId, BLOCKS, "video/mp4").isPresent());
    }

    private double readRangeMessages() {
        return meters.find("grpc.client.responses.received").tag("method", "ReadRange").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** The count once it stopped growing for a second (storage-service may still be sending what was in flight). */
    private double settledReadRangeMessages() throws InterruptedException {
        double last = readRangeMessages();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            double now = readRangeMessages();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
