package io.savepoint.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a clip's assets live and how their download URIs are signed: metadata-service signs the URIs it hands to
 * clients, transfer-service checks them without asking anyone (like a SAS URL:
 * {@code {base}/download/{gameClipId}/{asset}?se={expiryEpochSeconds}&sig={base64url HMAC-SHA256}}).
 */
public final class ClipAssetUris {

    /** BlobStore namespace of every clip asset. */
    public static final String BLOB_NAMESPACE = "gameclips";
    private static final String CLIP_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** The stored assets of a clip; {@code pathName} is both the URI segment and the blob key suffix. */
    public enum Asset {
        VIDEO("video"),
        LARGE_THUMBNAIL("thumbnail-large"),
        SMALL_THUMBNAIL("thumbnail-small");

        public final String pathName;

        Asset(String pathName) {
            this.pathName = pathName;
        }

        public static Optional<Asset> fromPathName(String pathName) {
            for (Asset asset : values()) {
                if (asset.pathName.equals(pathName)) {
                    return Optional.of(asset);
                }
            }
            return Optional.empty();
        }
    }

    public enum Verdict {
        VALID, EXPIRED, INVALID
    }

    private final HmacSha256 hmac;
    private final Clock clock;

    public ClipAssetUris(String secret, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("savepoint.download-uris.secret must be at least 32 characters"
                    + " (set SAVEPOINT_DOWNLOAD_URIS_SECRET to the same random value on metadata-service and transfer-service).");
        }
        this.hmac = new HmacSha256(secret.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    public static String blobKey(String gameClipId, Asset asset) {
        return gameClipId + "/" + asset.pathName;
    }

    /** A download URI for the asset that works until {@code expires} (second precision). */
    public String sign(String baseUrl, String gameClipId, Asset asset, Instant expires) {
        long expiry = expires.getEpochSecond();
        return withoutTrailingSlashes(baseUrl) + "/download/" + gameClipId + "/" + asset.pathName
                + "?se=" + expiry + "&sig=" + signature(gameClipId, asset, expiry);
    }

    /** Without a regex: this runs three times per clip of every list page. */
    private static String withoutTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    /** Checks the path and query parameters of a download URI. */
    public Verdict verify(String gameClipId, String assetPathName, String expiry, String signature) {
        Optional<Asset> asset = Asset.fromPathName(assetPathName);
        if (gameClipId == null || !gameClipId.matches(CLIP_ID) || asset.isEmpty() || expiry == null || signature == null
                || !expiry.matches("[0-9]{1,12}")) {
            return Verdict.INVALID;
        }
        long expirySeconds = Long.parseLong(expiry);
        byte[] expected = signature(gameClipId, asset.get(), expirySeconds).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        return clock.instant().getEpochSecond() >= expirySeconds ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String signature(String gameClipId, Asset asset, long expiry) {
        byte[] digest = hmac.sign((gameClipId + "\n" + asset.pathName + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
