package io.savepoint.transfer.thumbnails;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.savepoint.grpc.v1.StageBlockHeader;
import io.savepoint.grpc.v1.ThumbnailGrant;
import io.savepoint.grpc.v1.ThumbnailKind;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.transfer.peers.MetadataClipCatalogClient;
import io.savepoint.transfer.peers.StorageBlobClient;
import io.savepoint.transfer.upload.UploadOwner;

/**
 * Thumbnails a console uploads itself (thumbnailSource Upload): PUT of the image bytes to largeThumbnailUri or
 * smallThumbnailUri. The image is small and size-limited by the catalog's grant, so it is read whole to check that
 * it is a JPEG or PNG before anything is stored.
 */
@ApplicationScoped
public class ThumbnailUploadService {

    private final MetadataClipCatalogClient catalog;
    private final StorageBlobClient blobs;

    ThumbnailUploadService(MetadataClipCatalogClient catalog, StorageBlobClient blobs) {
        this.catalog = catalog;
        this.blobs = blobs;
    }

    public void put(Caller caller, String owner, String gameClipId, String kindName, Long contentLength, InputStream body) {
        UploadOwner.require(caller, owner);
        ThumbnailKind kind = switch (kindName.toLowerCase(Locale.ROOT)) {
            case "large" -> ThumbnailKind.LARGE;
            case "small" -> ThumbnailKind.SMALL;
            default -> throw ApiException.notFound("No thumbnail '" + kindName + "': use thumbnails/large or thumbnails/small.");
        };
        ThumbnailGrant grant = catalog.authorizeThumbnail(caller, gameClipId, kind, contentLength == null ? -1 : contentLength);
        byte[] image = readAtMost(body, grant.getMaxBytes(), kindName);
        String contentType = ImageType.of(image).orElseThrow(() -> ApiException.badRequest(
                "The " + kindName + " thumbnail is not a JPEG or PNG image."));
        // A fresh upload id per PUT: a second thumbnail replaces the first (a repeated id would answer the old version).
        String uploadId = gameClipId + "-thumbnail-" + kindName + "-" + UUID.randomUUID();
        blobs.stage(StageBlockHeader.newBuilder().setBlob(grant.getBlob()).setUploadId(uploadId).setBlockNum(0).setOwner(grant.getOwner())
                .setMaxBlockBytes(grant.getMaxBytes()).build(), new ByteArrayInputStream(image), "The thumbnail is too large.");
        blobs.commit(grant.getBlob(), uploadId, 1, contentType)
                .orElseThrow(() -> new IllegalStateException("The staged thumbnail of " + gameClipId + " could not be committed"));
        catalog.recordThumbnail(gameClipId, kind, image.length, contentType);
    }

    private static byte[] readAtMost(InputStream body, long maxBytes, String kindName) {
        try {
            byte[] image = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (image.length > maxBytes) {
                throw ApiException
                        .badRequest("The " + kindName + " thumbnail is larger than the " + maxBytes + " bytes a thumbnail may have.");
            }
            if (image.length == 0) {
                throw ApiException.badRequest("The " + kindName + " thumbnail is empty: send the image bytes as the request body.");
            }
            return image;
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read to its end: " + e.getMessage());
        }
    }
}
