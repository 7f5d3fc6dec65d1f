package io.savepoint.transfer.download;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.HttpServer;
import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.BlobVersion;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.ByteRange;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.transfer.peers.StorageBlobClient;

/**
 * Downloads of a published clip's assets through the signed URIs metadata-service hands out (spec A.3). The
 * signature is the credential: it is checked here without asking the catalog, then the bytes stream from
 * storage-service.
 */
@Startup
@ApplicationScoped
public class DownloadService {

    /** A download ready to be answered: 200 (whole), 206 (range) or 304 (the client's copy is current). */
    public record Download(int status, BlobRef blob, BlobVersion version, Optional<ByteRange> range) {

        public String etag() {
            return "\"" + version.getEtag() + "\"";
        }

        public long contentLength() {
            return range.map(ByteRange::length).orElse(version.getSize());
        }
    }

    private final ClipAssetUris uris;
    private final StorageBlobClient blobs;
    private final HttpServer httpServer;

    /** Built at startup, so a production instance without the secret refuses to start instead of refusing downloads. */
    DownloadService(@ConfigProperty(name = "savepoint.download-uris.secret") Optional<String> secret, StorageBlobClient blobs,
            HttpServer httpServer) {
        this.uris = new ClipAssetUris(secret.orElse(null), Clock.systemUTC());
        this.blobs = blobs;
        this.httpServer = httpServer;
    }

    /**
     * A download URI of the asset on this instance's own HTTP port (loopback), valid for {@code validFor}: processing
     * hands it to ffprobe and ffmpeg, which read only the ranges they need instead of a copy of the whole clip.
     */
    public String localUri(String gameClipId, ClipAssetUris.Asset asset, Duration validFor) {
        return uris.sign("http://127.0.0.1:" + httpServer.getPort(), gameClipId, asset, Instant.now().plus(validFor));
    }

    public Download prepare(String gameClipId, String asset, String expiry, String signature, String range, String ifRange,
            String ifNoneMatch) {
        switch (uris.verify(gameClipId, asset, expiry, signature)) {
            case INVALID -> throw ApiException.forbidden("This download URI is not valid: its signature does not match its clip, asset"
                    + " and expiry (se and sig must be sent exactly as received).");
            case EXPIRED -> throw ApiException.forbidden("This download URI expired at " + Instant.ofEpochSecond(Long.parseLong(expiry))
                    + ": fetch the clip again for a fresh URI.");
            case VALID -> {
            }
        }
        ClipAssetUris.Asset kind = ClipAssetUris.Asset.fromPathName(asset).orElseThrow();
        BlobRef blob = BlobRef.newBuilder().setNamespace(ClipAssetUris.BLOB_NAMESPACE).setKey(ClipAssetUris.blobKey(gameClipId, kind))
                .build();
        BlobVersion version = blobs.stat(blob).orElseThrow(() -> ApiException.notFound(
                "The " + asset + " of clip " + gameClipId + " is not stored (the clip was deleted, or has no such asset)."));
        String etag = "\"" + version.getEtag() + "\"";
        if (matches(ifNoneMatch, etag)) {
            return new Download(304, blob, version, Optional.empty());
        }
        Optional<ByteRange> byteRange = ByteRange.select(range, ifRange, etag, version.getSize(), ByteRange.PastEnd.UNSATISFIABLE);
        return new Download(byteRange.isPresent() ? 206 : 200, blob, version, byteRange);
    }

    /** Streams the download's bytes (its range, or the whole asset) to {@code out}. */
    public void write(Download download, OutputStream out) throws IOException {
        long offset = download.range().map(ByteRange::start).orElse(0L);
        // The version its headers announced, not whatever replaced it since.
        blobs.read(download.blob(), download.version().getEtag(), offset, download.contentLength(), out);
    }

    /** If-None-Match: a list of entity tags (weak ones compare weakly, as RFC 9110 says for this header) or "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
