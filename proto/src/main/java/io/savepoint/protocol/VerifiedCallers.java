package io.savepoint.protocol;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The {@link Caller} of each verified token, built once. smallrye-jwt looks up every claim that is not a registered
 * JWT claim by throwing and catching an IllegalArgumentException (five per Caller, each filling a deep stack trace),
 * which showed in the profile of every endpoint. Keyed weakly by the token object, which {@link VerifiedTokenCache}
 * hands out again for the same token, so an entry goes when the verified token does.
 */
@ApplicationScoped
class VerifiedCallers {

    private final Cache<JsonWebToken, Caller> callers = Caffeine.newBuilder()
            .weakKeys()
            .maximumSize(VerifiedTokenCache.MAX_TOKENS)
            .build();

    Caller of(JsonWebToken token) {
        return callers.get(token, Caller::of);
    }
}
