package io.savepoint.protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Stops a production start without a readable JWT verification key: every request would be refused, and the
 * operator should learn that at deploy time, with the setting to fix, rather than from clients.
 */
@Singleton
public class VerificationKeyCheck {

    /** The value application.properties gives the key location when SAVEPOINT_JWT_PUBLIC_KEY_LOCATION is not set. */
    static final String UNSET = "unset";

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Optional<String> location = ConfigProvider.getConfig().getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        if (location.isEmpty() || location.get().equals(UNSET)) {
            throw new IllegalStateException("No JWT verification key configured. Set SAVEPOINT_JWT_PUBLIC_KEY_LOCATION to a PEM/JWK"
                    + " file path or the JWKS URL of your identity provider (property mp.jwt.verify.publickey.location).");
        }
        location.filter(l -> !l.contains("://") && !l.startsWith("classpath:"))
                .map(l -> Path.of(l.startsWith("file:") ? l.substring("file:".length()) : l))
                .filter(p -> !Files.isReadable(p))
                .ifPresent(p -> {
                    throw new IllegalStateException("JWT verification key file " + p.toAbsolutePath()
                            + " is not readable. Fix SAVEPOINT_JWT_PUBLIC_KEY_LOCATION.");
                });
    }
}
