package io.savepoint.metadata.clips;

import io.savepoint.grpc.v1.BlobRef;
import io.savepoint.grpc.v1.OwnerScope;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.protocol.ClipAssetUris.Asset;

/** Where a clip's assets are stored and whose quota they count against. */
public final class ClipAssets {

    private ClipAssets() {
    }

    public static BlobRef blob(GameClip clip, Asset asset) {
        return BlobRef.newBuilder().setNamespace(ClipAssetUris.BLOB_NAMESPACE)
                .setKey(ClipAssetUris.blobKey(clip.gameClipId, asset)).build();
    }

    public static OwnerScope owner(GameClip clip) {
        return OwnerScope.newBuilder().setSandboxId(clip.sandboxId).setScid(clip.scid)
                .setFamily(StorageFamily.GAME_CLIPS).setOwner(clip.ownerXuid).build();
    }

    /** The BlobStore upload id of the clip's video: the clip id, so a retried block replaces the staged one. */
    public static String videoUploadId(GameClip clip) {
        return clip.gameClipId;
    }
}
