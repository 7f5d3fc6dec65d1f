package io.savepoint.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Service-to-service credentials for gRPC: {@code <service>.<epochSeconds>.<base64url HMAC-SHA256>} signed with a
 * secret shared by the Savepoint services. A token names its caller and is valid for a short window either side of
 * now, so a captured token soon stops working and clocks may drift a little.
 */
public final class ServiceTokens {

    private final HmacSha256 hmac;
    private final Duration validity;
    private final Clock clock;

    public ServiceTokens(String secret, Duration validity, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("savepoint.service-auth.secret must be at least 32 characters"
                    + " (set SAVEPOINT_SERVICE_AUTH_SECRET to the same random value on every service).");
        }
        this.hmac = new HmacSha256(secret.getBytes(StandardCharsets.UTF_8));
        this.validity = validity;
        this.clock = clock;
    }

    public String mint(String serviceName) {
        String payload = serviceName + "." + clock.instant().getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** The calling service's name when the token is genuine and fresh, empty otherwise. */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        int firstDot = token.indexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot) {
            return Optional.empty();
        }
        String payload = token.substring(0, lastDot);
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        try {
            long issued = Long.parseLong(payload.substring(firstDot + 1));
            long skew = Math.abs(clock.instant().getEpochSecond() - issued);
            return skew <= validity.toSeconds() ? Optional.of(payload.substring(0, firstDot)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.sign(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
