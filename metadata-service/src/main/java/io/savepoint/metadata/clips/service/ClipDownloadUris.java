package io.savepoint.metadata.clips.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.runtime.Startup;
import io.savepoint.metadata.clips.ClipsConfig;
import io.savepoint.protocol.ClipAssetUris;
import io.savepoint.protocol.ClipAssetUris.Asset;

/**
 * Signs the download URIs of published clips (checked by transfer-service with the same secret). Created at startup,
 * so a missing or short {@code savepoint.download-uris.secret} stops the service with a message naming the setting.
 *
 * <p>Expirations are rounded up to the next whole minute, so every read of a clip within one minute hands out the same
 * URIs and their signatures are kept instead of computed again: a list page has three per clip, and signing them was a
 * tenth of the page's CPU time.
 */
@Startup
@ApplicationScoped
public class ClipDownloadUris {

    /** A signed URI and the instant it stops working (ISO 8601, as GameClipUri.expiration carries it). */
    public record SignedUri(String uri, String expiration) {
    }

    private record UriKey(String gameClipId, Asset asset, long expiry) {
    }

    private static final long EXPIRY_STEP_SECONDS = 60;

    private final ClipAssetUris signer;
    private final ClipsConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Cache<UriKey, SignedUri> signed = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterWrite(Duration.ofSeconds(2 * EXPIRY_STEP_SECONDS))
            .build();

    ClipDownloadUris(@ConfigProperty(name = "savepoint.download-uris.secret") Optional<String> secret, ClipsConfig config) {
        this.signer = new ClipAssetUris(secret.orElse(null), clock);
        this.config = config;
    }

    /** A URI of the asset valid for at least the configured TTL (and less than a minute more). */
    public SignedUri sign(String gameClipId, Asset asset) {
        long earliest = clock.instant().plus(config.downloadUriTtl()).getEpochSecond();
        long expiry = Math.ceilDiv(earliest, EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
        return signed.get(new UriKey(gameClipId, asset, expiry), key -> {
            Instant expiration = Instant.ofEpochSecond(key.expiry());
            return new SignedUri(signer.sign(config.transferBaseUrl(), key.gameClipId(), key.asset(), expiration), expiration.toString());
        });
    }
}
