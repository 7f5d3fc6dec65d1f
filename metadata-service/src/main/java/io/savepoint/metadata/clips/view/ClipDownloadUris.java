package io.savepoint.metadata.clips.view;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import io.savepoint.metadata.clips.ClipsConfig;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.protocol.ClipAssetUris.Asset;

/**
 * Signs the download URIs of published clips (checked by transfer-service with the same secret). Created at startup,
 * so a missing or short {@code savepoint.download-uris.secret} stops the service with a message naming the setting.
 *
 * <p>Expirations are rounded up to the next whole minute, so every read of a clip within one minute hands out the same
 * URIs: the clip's serialized JSON can be reused for that minute ({@link ClipQueryService}).
 */
@Startup
@ApplicationScoped
public class ClipDownloadUris {

    /** A signed URI and the instant it stops working (ISO 8601, as GameClipUri.expiration carries it). */
    public record SignedUri(String uri, String expiration) {
    }

    private static final long EXPIRY_STEP_SECONDS = 60;

    private final ClipAssetUris signer;
    private final ClipsConfig config;
    private final Clock clock = Clock.systemUTC();

    ClipDownloadUris(@ConfigProperty(name = "savepoint.download-uris.secret") Optional<String> secret, ClipsConfig config) {
        this.signer = new ClipAssetUris(secret.orElse(null), clock);
        this.config = config;
    }

    /** The expiry (epoch seconds) of URIs signed now: at least the configured TTL away, and less than a minute more. */
    public long currentExpiry() {
        long earliest = clock.instant().plus(config.downloadUriTtl()).getEpochSecond();
        return Math.ceilDiv(earliest, EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
    }

    /** A URI of the asset that works until {@code expiry} (epoch seconds, from {@link #currentExpiry()}). */
    public SignedUri sign(String gameClipId, Asset asset, long expiry) {
        Instant expiration = Instant.ofEpochSecond(expiry);
        return new SignedUri(signer.sign(config.transferBaseUrl(), gameClipId, asset, expiration), expiration.toString());
    }
}
