package io.savepoint.protocol;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the JWT from {@code Authorization: XBL3.0 x=<userhash>;<jwt>} (what Xbox clients send; the hash may be
 * {@code -} or {@code *}) or {@code Authorization: Bearer <jwt>}, and has smallrye-jwt verify it (once per token
 * and few minutes: see {@link VerifiedTokenCache}).
 */
@ApplicationScoped
public class XblAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String XBL_SCHEME = "XBL3.0";
    static final String BEARER_SCHEME = "Bearer";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().headers().get(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        String jwt;
        try {
            jwt = extractToken(header);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
        context.put(HttpAuthenticationMechanism.class.getName(), this);
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new JsonWebTokenCredential(jwt)), context));
    }

    /** The JWT inside an Authorization header value; IllegalArgumentException says what is malformed. */
    static String extractToken(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String rest = space < 0 ? "" : value.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase(BEARER_SCHEME)) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("The Bearer Authorization header carries no token.");
            }
            return rest;
        }
        if (scheme.equalsIgnoreCase(XBL_SCHEME)) {
            int semicolon = rest.indexOf(';');
            if (!rest.startsWith("x=") || semicolon < 0) {
                throw new IllegalArgumentException("Malformed XBL3.0 Authorization header: expected 'XBL3.0 x=<userhash>;<token>'.");
            }
            String token = rest.substring(semicolon + 1).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("The XBL3.0 Authorization header carries no token after ';'.");
            }
            return token;
        }
        throw new IllegalArgumentException(
                "Unsupported Authorization scheme '" + scheme + "': use 'XBL3.0 x=<userhash>;<token>' or 'Bearer <token>'.");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE, XBL_SCHEME));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, XBL_SCHEME));
    }

    @Override
    public int getPriority() {
        // Ahead of smallrye-jwt's own Bearer-only mechanism.
        return DEFAULT_PRIORITY + 1000;
    }
}
