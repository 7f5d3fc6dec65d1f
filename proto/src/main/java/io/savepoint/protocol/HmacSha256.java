package io.savepoint.protocol;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one key, for the tokens and URIs the services sign. Each thread keeps its own initialised Mac
 * (a Mac is not thread-safe, and looking one up per call showed in profiles of the gRPC hot path).
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";
    private final ThreadLocal<Mac> macs;

    public HmacSha256(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", e);
            }
        });
    }

    /** The MAC of {@code data} (32 bytes). */
    public byte[] sign(byte[] data) {
        return macs.get().doFinal(data);
    }
}
