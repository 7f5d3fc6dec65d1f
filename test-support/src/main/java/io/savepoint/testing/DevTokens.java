package io.savepoint.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Tokens for tests, signed with the repository's dev-only key (and deliberately broken variants). */
public final class DevTokens {

    public static final String ISSUER = "savepoint-dev";
    /**
     * How long every service under test still accepts a token after its {@code exp}: the value of
     * {@code %test.mp.jwt.verify.clock.skew} in each service's application.properties.
     */
    public static final Duration TEST_CLOCK_SKEW = Duration.ofSeconds(10);

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String issuer = ISSUER;
    private Instant expiresAt = Instant.now().plusSeconds(3600);

    private DevTokens() {
    }

    /** A console user of the given title with all five Xbox Live claims. */
    public static DevTokens user(String xuid, long titleId, String sandboxId) {
        DevTokens t = new DevTokens();
        t.claims.put("xuid", xuid);
        t.claims.put("titleId", Long.toString(titleId));
        t.claims.put("sandboxId", sandboxId);
        t.claims.put("deviceType", "XboxOne");
        t.claims.put("deviceId", "dev-device-" + xuid);
        return t;
    }

    /** An operator: no user claims, the operator role. */
    public static DevTokens operator() {
        DevTokens t = new DevTokens();
        t.claims.put("groups", Set.of("operator"));
        return t;
    }

    public DevTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public DevTokens without(String claim) {
        claims.remove(claim);
        return this;
    }

    public DevTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public DevTokens expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    /** A token whose {@code exp} passed this long ago. */
    public DevTokens expiredFor(Duration ago) {
        return expiresAt(Instant.now().minus(ago));
    }

    public String sign() {
        return builder().sign(devKey());
    }

    /** Same claims, signed by a key the services do not trust. */
    public String signWithForeignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return builder().sign(generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same claims, unsigned ({@code "alg":"none"}). */
    public String unsigned() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        StringBuilder json = new StringBuilder("{\"iss\":\"").append(issuer).append("\",\"exp\":").append(expiresAt.getEpochSecond());
        claims.forEach((k, v) -> json.append(",\"").append(k).append("\":\"").append(v).append('"'));
        json.append('}');
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private JwtClaimsBuilder builder() {
        JwtClaimsBuilder builder = Jwt.issuer(issuer).issuedAt(Instant.now().minusSeconds(60)).expiresAt(expiresAt);
        claims.forEach(builder::claim);
        if (claims.containsKey("xuid")) {
            builder.subject(claims.get("xuid").toString());
        }
        return builder;
    }

    private static PrivateKey devKey() {
        try {
            String pem = Files.readString(RepoPaths.devPrivateKey())
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the dev key " + RepoPaths.devPrivateKey(), e);
        }
    }
}
