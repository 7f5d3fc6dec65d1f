package io.savepoint.protocol;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers the tokens smallrye-jwt has verified, so a token seen again skips parsing and the RSA signature check
 * (a third of a cheap request's CPU). Consoles send the same XSTS token for hours, so nearly every request hits.
 *
 * <p>Decorates {@link JWTParser#parse(String)}, the call smallrye-jwt's identity provider makes for every request, so
 * the SecurityIdentity is still built per request exactly as before (with this request's routing context) and only
 * the verified token is shared. An entry lives until the token expires or {@link #TTL}, whichever is first; after
 * that the token is verified again, so an expired token is refused as before and a key rotation is seen within the
 * TTL. Failures are never remembered, and tokens without an expiry never enter. Keyed by the whole token string
 * (which the verified token holds anyway), so equal keys are equal tokens.
 */
@Decorator
@Priority(1)
abstract class VerifiedTokenCache implements JWTParser {

    static final Duration TTL = Duration.ofMinutes(5);
    /** Tens of thousands of live consoles per replica; an entry is about the size of its token (~1–2 KiB). */
    static final int MAX_TOKENS = 20_000;

    private final JWTParser parser;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    VerifiedTokenCache(@Delegate JWTParser parser, MeterRegistry registry) {
        this.parser = parser;
        this.verified = MonitoredCaches.build(registry, "verified-tokens", Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.<String, JsonWebToken>creating((token, jwt) -> lifetime(jwt))));
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken jwt = verified.getIfPresent(token);
        if (jwt == null) {
            jwt = parser.parse(token);
            if (lifetime(jwt).isPositive()) {
                verified.put(token, jwt);
            }
        }
        return jwt;
    }

    private static Duration lifetime(JsonWebToken jwt) {
        long expiresAtSeconds = jwt.getExpirationTime();
        if (expiresAtSeconds <= 0) {
            return Duration.ZERO;
        }
        Duration untilExpiry = Duration.ofMillis(expiresAtSeconds * 1000 - System.currentTimeMillis());
        return untilExpiry.isNegative() ? Duration.ZERO : untilExpiry.compareTo(TTL) < 0 ? untilExpiry : TTL;
    }
}
