package io.savepoint.metadata.clips.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 */
@Startup
@ApplicationScoped
public class ClipDownloadUris {

    /** A signed URI and the instant it stops working. */
    public record SignedUri(String uri, Instant expiration) {
    }

    private final ClipAssetUris signer;
    private final ClipsConfig config;
    private final Clock clock = Clock.systemUTC();

    ClipDownloadUris(@ConfigProperty(name = "savepoint.download-uris.secret") Optional<String> secret, ClipsConfig config) {
        this.signer = new ClipAssetUris(secret.orElse(null), clock);
        this.config = config;
    }

    public SignedUri sign(String gameClipId, Asset asset) {
        Instant expiration = clock.instant().plus(config.downloadUriTtl()).truncatedTo(ChronoUnit.SECONDS);
        return new SignedUri(signer.sign(config.transferBaseUrl(), gameClipId, asset, expiration), expiration);
    }
}
