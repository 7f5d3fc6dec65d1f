package io.savepoint.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.savepoint.testing.RepoPaths;

/**
 * A Kubernetes overlay as {@code kubectl apply -k} would apply it (rendered by deploy/kubernetes/validate --render, the
 * project's pinned kustomize), read the way the kubelet reads it: each Deployment's environment and mounted files.
 * Secrets the overlay does not render come from {@link OperatorSecrets}, as the operator would create them.
 */
final class RenderedOverlay {

    static final Path OVERLAYS = Path.of("deploy", "kubernetes", "overlays");

    final String name;
    private final List<JsonNode> objects;
    private final OperatorSecrets operatorSecrets;

    private RenderedOverlay(String name, List<JsonNode> objects, OperatorSecrets operatorSecrets) {
        this.name = name;
        this.objects = objects;
        this.operatorSecrets = operatorSecrets;
    }

    static RenderedOverlay render(String overlay, OperatorSecrets operatorSecrets) {
        Path root = RepoPaths.root();
        Path output = Path.of("target", "rendered-" + overlay + ".yaml").toAbsolutePath();
        try {
            Files.createDirectories(output.getParent());
            Process kustomize = new ProcessBuilder("bash", root.resolve("deploy/kubernetes/validate").toString(), "--render",
                    root.resolve(OVERLAYS).resolve(overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(output.toFile()).start();
            if (!kustomize.waitFor(5, TimeUnit.MINUTES) || kustomize.exitValue() != 0) {
                throw new IllegalStateException("deploy/kubernetes/validate --render " + overlay + " failed; its errors are above");
            }
            try (var documents = new YAMLMapper().readerFor(JsonNode.class).readValues(output.toFile())) {
                List<JsonNode> objects = new ArrayList<>();
                documents.forEachRemaining(o -> objects.add((JsonNode) o));
                return new RenderedOverlay(overlay, objects, operatorSecrets);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot render " + overlay, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<String> deployments() {
        return objects.stream().filter(o -> o.path("kind").asText().equals("Deployment"))
                .map(o -> o.path("metadata").path("name").asText()).toList();
    }

    boolean hasService(String service) {
        return find("Service", service).isPresent();
    }

    /** The containerPort of the named port of the Deployment's container. */
    int containerPort(String deployment, String portName) {
        return elements(container(deployment).path("ports")).filter(p -> p.path("name").asText().equals(portName))
                .map(p -> p.path("containerPort").asInt()).findFirst()
                .orElseThrow(() -> new AssertionError(deployment + " has no port named " + portName));
    }

    /** How clients reach the Service through the Ingress: https when its host has TLS, else http. */
    String ingressUrl(String service) {
        JsonNode ingress = find("Ingress", "savepoint").orElseThrow(() -> new AssertionError(name + " renders no Ingress savepoint"));
        String host = elements(ingress.path("spec").path("rules"))
                .filter(r -> elements(r.path("http").path("paths"))
                        .anyMatch(p -> p.path("backend").path("service").path("name").asText().equals(service)))
                .map(r -> r.path("host").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("The Ingress of " + name + " routes no host to " + service));
        boolean tls = elements(ingress.path("spec").path("tls"))
                .anyMatch(t -> elements(t.path("hosts")).anyMatch(h -> h.asText().equals(host)));
        return (tls ? "https://" : "http://") + host;
    }

    /**
     * The container's environment as the kubelet builds it: envFrom first, then env (which wins); Secrets from the
     * overlay or else from the operator's.
     */
    Map<String, String> environment(String deployment) {
        JsonNode container = container(deployment);
        Map<String, String> environment = new LinkedHashMap<>();
        elements(container.path("envFrom")).forEach(source -> {
            String prefix = source.path("prefix").asText("");
            if (source.has("configMapRef")) {
                configMap(source.path("configMapRef").path("name").asText()).forEach((k, v) -> environment.put(prefix + k, v));
            } else if (source.has("secretRef")) {
                secret(source.path("secretRef").path("name").asText()).forEach((k, v) -> environment.put(prefix + k, v));
            } else {
                throw new AssertionError(deployment + ": envFrom " + source + " is not supported by this test");
            }
        });
        elements(container.path("env")).forEach(variable -> {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                environment.put(name, variable.path("value").asText());
                return;
            }
            JsonNode from = variable.path("valueFrom");
            Optional<String> value;
            if (from.has("secretKeyRef")) {
                JsonNode ref = from.path("secretKeyRef");
                value = secretKey(ref.path("name").asText(), ref.path("key").asText(), ref.path("optional").asBoolean(false));
            } else if (from.has("configMapKeyRef")) {
                JsonNode ref = from.path("configMapKeyRef");
                value = Optional.ofNullable(configMap(ref.path("name").asText()).get(ref.path("key").asText()));
                if (value.isEmpty() && !ref.path("optional").asBoolean(false)) {
                    throw new AssertionError(deployment + ": " + name + " names key " + ref.path("key").asText()
                            + " that ConfigMap " + ref.path("name").asText() + " lacks");
                }
            } else {
                throw new AssertionError(deployment + ": " + name + " comes from " + from + ", which this test does not support");
            }
            value.ifPresentOrElse(v -> environment.put(name, v), () -> environment.remove(name));
        });
        return environment;
    }

    /**
     * What the container sees under each mount path: the files of a Secret or ConfigMap volume, nothing (an empty
     * directory) for an emptyDir or a claim.
     */
    Map<String, Map<String, byte[]>> mounts(String deployment) {
        JsonNode pod = deploymentObject(deployment).path("spec").path("template").path("spec");
        Map<String, Map<String, byte[]>> mounts = new LinkedHashMap<>();
        elements(container(deployment).path("volumeMounts")).forEach(mount -> {
            String volumeName = mount.path("name").asText();
            JsonNode volume = elements(pod.path("volumes")).filter(v -> v.path("name").asText().equals(volumeName)).findFirst()
                    .orElseThrow(() -> new AssertionError(deployment + " mounts volume " + volumeName + " that it does not declare"));
            Map<String, byte[]> files = new LinkedHashMap<>();
            if (volume.has("secret")) {
                String secret = volume.path("secret").path("secretName").asText();
                projected(volume.path("secret"), key -> secretKey(secret, key, false).orElseThrow(), secret(secret).keySet(), files);
            } else if (volume.has("configMap")) {
                Map<String, String> data = configMap(volume.path("configMap").path("name").asText());
                projected(volume.path("configMap"), data::get, data.keySet(), files);
            } else if (!volume.has("emptyDir") && !volume.has("persistentVolumeClaim")) {
                throw new AssertionError(deployment + ": volume " + volume + " is not supported by this test");
            }
            mounts.put(mount.path("mountPath").asText(), files);
        });
        return mounts;
    }

    private static void projected(JsonNode source, Function<String, String> value, Set<String> allKeys,
            Map<String, byte[]> files) {
        if (source.has("items")) {
            elements(source.path("items")).forEach(i -> files.put(i.path("path").asText(),
                    value.apply(i.path("key").asText()).getBytes(StandardCharsets.UTF_8)));
        } else {
            allKeys.forEach(k -> files.put(k, value.apply(k).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private Optional<String> secretKey(String secret, String key, boolean optional) {
        if (find("Secret", secret).isEmpty()) {
            return operatorSecrets.value(name, secret, key, optional);
        }
        Optional<String> value = Optional.ofNullable(secret(secret).get(key));
        if (value.isEmpty() && !optional) {
            throw new AssertionError(name + " references key " + key + " that its Secret " + secret + " lacks");
        }
        return value;
    }

    private Map<String, String> secret(String secret) {
        JsonNode rendered = find("Secret", secret).orElse(null);
        if (rendered == null) {
            return operatorSecrets.all(name, secret);
        }
        Map<String, String> values = new LinkedHashMap<>();
        rendered.path("data").properties().forEach(
                e -> values.put(e.getKey(), new String(Base64.getMimeDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        rendered.path("stringData").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private Map<String, String> configMap(String configMap) {
        JsonNode rendered = find("ConfigMap", configMap)
                .orElseThrow(() -> new AssertionError(name + " references ConfigMap " + configMap + " that it does not render"));
        Map<String, String> values = new LinkedHashMap<>();
        rendered.path("data").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private JsonNode container(String deployment) {
        JsonNode containers = deploymentObject(deployment).path("spec").path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new AssertionError(deployment + " has " + containers.size() + " containers; this test boots exactly one");
        }
        return containers.get(0);
    }

    private JsonNode deploymentObject(String deployment) {
        return find("Deployment", deployment).orElseThrow(() -> new AssertionError(name + " renders no Deployment " + deployment));
    }

    private Optional<JsonNode> find(String kind, String objectName) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(objectName)).findFirst();
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        return array instanceof MissingNode ? Stream.empty() : StreamSupport.stream(array.spliterator(), false);
    }
}
