package io.savepoint.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.savepoint.testing.RepoPaths;

/**
 * The Secrets an overlay references but leaves to the operator (overlays/prod/README.md), with test values from
 * operator-secrets.yaml. Remembers which keys the manifests read, so a test can demand that the fixture holds exactly
 * those: a key the manifests need but the fixture lacks fails at the reference, one nobody reads is {@link #unreferenced()}.
 */
final class OperatorSecrets {

    static final String FIXTURE = "operator-secrets.yaml";

    private final Map<String, Map<String, String>> secrets;
    private final Set<String> referenced = new LinkedHashSet<>();

    private OperatorSecrets(Map<String, Map<String, String>> secrets) {
        this.secrets = secrets;
    }

    /** For an overlay that must render every Secret it uses itself (dev). */
    static OperatorSecrets none() {
        return new OperatorSecrets(Map.of());
    }

    /** The fixture; a value written {@code {file: <path>}} is that repository file's content. */
    static OperatorSecrets fixture() {
        try (InputStream in = OperatorSecrets.class.getResourceAsStream("/" + FIXTURE)) {
            Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
            new YAMLMapper().readTree(in).properties().forEach(secret -> {
                Map<String, String> keys = new LinkedHashMap<>();
                secret.getValue().properties().forEach(key -> keys.put(key.getKey(), text(key.getValue())));
                secrets.put(secret.getKey(), keys);
            });
            return new OperatorSecrets(secrets);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + FIXTURE, e);
        }
    }

    Optional<String> value(String overlay, String secret, String key, boolean optional) {
        referenced.add(secret + "/" + key);
        Optional<String> value = Optional.ofNullable(secrets.getOrDefault(secret, Map.of()).get(key));
        if (value.isEmpty() && !optional) {
            throw new AssertionError(overlay + " references key " + key + " of Secret " + secret + ", which it does not render: "
                    + (secrets.isEmpty() ? "an overlay without an operator must render every Secret it uses"
                            : "the operator must create it, but " + FIXTURE + " (the operator's Secrets in this test) lacks it"));
        }
        return value;
    }

    Map<String, String> all(String overlay, String secret) {
        if (!secrets.containsKey(secret)) {
            throw new AssertionError(overlay + " uses Secret " + secret + ", which neither it renders nor " + FIXTURE + " holds");
        }
        secrets.get(secret).keySet().forEach(key -> referenced.add(secret + "/" + key));
        return secrets.get(secret);
    }

    /** Keys of the fixture ({@code secret/key}) that no lookup has read. */
    List<String> unreferenced() {
        return secrets.entrySet().stream().flatMap(s -> s.getValue().keySet().stream().map(k -> s.getKey() + "/" + k))
                .filter(k -> !referenced.contains(k)).toList();
    }

    private static String text(JsonNode value) {
        if (!value.has("file")) {
            return value.asText();
        }
        try {
            return Files.readString(RepoPaths.root().resolve(value.path("file").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + value.path("file").asText() + " named in " + FIXTURE, e);
        }
    }
}
