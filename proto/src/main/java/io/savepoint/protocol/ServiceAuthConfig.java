package io.savepoint.protocol;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the services authenticate each other over gRPC. */
@ConfigMapping(prefix = "savepoint.service-auth")
public interface ServiceAuthConfig {

    /** This service's name, sent with every outgoing gRPC call. */
    String serviceName();

    /** The HMAC secret shared by all Savepoint services (at least 32 characters). */
    String secret();

    /** How far a token's timestamp may be from now. */
    @WithDefault("120s")
    Duration tokenValidity();

    @ApplicationScoped
    class Producer {
        @Produces
        @ApplicationScoped
        ServiceTokens serviceTokens(ServiceAuthConfig config) {
            return new ServiceTokens(config.secret(), config.tokenValidity(), Clock.systemUTC());
        }
    }
}
