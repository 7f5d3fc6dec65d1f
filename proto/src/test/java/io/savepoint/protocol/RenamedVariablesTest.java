package io.savepoint.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class RenamedVariablesTest {

    /** Where an old name may still be written: the list itself, the tests of it, and the page's table of renamed variables. */
    static final Set<String> MAY_NAME_OLD_VARIABLES = Set.of("proto/src/main/java/io/savepoint/protocol/RenamedVariables.java",
            "proto/src/test/java/io/savepoint/protocol/RenamedVariablesTest.java",
            "metadata-service/src/test/java/io/savepoint/metadata/RenamedVariablesIT.java", "docs/configuration.md");
    static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules", ".run");

    @Test
    void anOldNameIsStillReadUnderTheNewOneAndNamedInAWarning() {
        RenamedVariables source = new RenamedVariables(Map.of("SAVEPOINT_S3_BUCKET", "blocks", "SAVEPOINT_CLIP_MAX_BLOCK_BYTES", "65536",
                "PATH", "/usr/bin"));
        assertEquals("blocks", source.getValue("savepoint.storage.s3.bucket"));
        assertEquals("65536", source.getValue("savepoint.metadata.clips.max-block-bytes"));
        assertNull(source.getValue("savepoint.storage.s3.region"));
        assertEquals(RenamedVariables.ORDINAL, source.getOrdinal());
        List<String> warnings = RenamedVariables.warnings(Map.of("SAVEPOINT_S3_BUCKET", "blocks"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("SAVEPOINT_S3_BUCKET") && warnings.get(0).contains("SAVEPOINT_STORAGE_S3_BUCKET"),
                warnings.get(0));
    }

    @Test
    void theNewNameWinsOverTheOldOne() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("SAVEPOINT_STORAGE_S3_BUCKET", "new"), 300),
                        new RenamedVariables(Map.of("SAVEPOINT_S3_BUCKET", "old", "SAVEPOINT_S3_REGION", "eu")))
                .build();
        assertEquals("new", config.getRawValue("savepoint.storage.s3.bucket"));
        assertEquals("eu", config.getRawValue("savepoint.storage.s3.region"));
        assertTrue(RenamedVariables.warnings(Map.of("SAVEPOINT_S3_BUCKET", "old", "SAVEPOINT_STORAGE_S3_BUCKET", "new")).get(0)
                .contains("also set, and wins"));
    }

    @Test
    void theNewNamesAreWhatSmallRyeConfigReads() {
        RenamedVariables.RENAMED.values().forEach(variable -> assertTrue(variable.matches("SAVEPOINT_[A-Z0-9_]+"), variable));
        assertTrue(RenamedVariables.RENAMED.keySet().stream().noneMatch(RenamedVariables.RENAMED::containsValue));
    }

    @Test
    void theConfigurationPageListsExactlyTheseRenames() throws IOException {
        String page = Files.readString(root().resolve("docs/configuration.md"));
        String section = page.substring(page.indexOf("### Renamed variables"), page.indexOf("## Quarkus settings"));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(SAVEPOINT_\\w+)` \\| `(SAVEPOINT_\\w+)` \\|$").matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        assertEquals(RenamedVariables.RENAMED, documented, "the table under \"Renamed variables\" in docs/configuration.md");
    }

    /** Manifests, scripts, docs and tests use the new names only, so what they say is what the services read. */
    @Test
    void noOtherFileOfTheRepositoryNamesAnOldVariable() throws IOException {
        Path root = root();
        Pattern old = Pattern.compile("\\b(" + String.join("|", RenamedVariables.RENAMED.keySet()) + ")\\b");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> {
                        for (Path part : root.relativize(f)) {
                            if (NOT_SOURCES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return !MAY_NAME_OLD_VARIABLES.contains(root.relativize(f).toString().replace('\\', '/'));
                    })
                    .forEach(f -> {
                        try {
                            if (Files.size(f) > 4_000_000) {
                                return;
                            }
                            Matcher m = old.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                            while (m.find()) {
                                found.add(
                                        root.relativize(f) + ": " + m.group(1) + " (now " + RenamedVariables.RENAMED.get(m.group(1)) + ")");
                            }
                        } catch (IOException e) {
                            found.add(root.relativize(f) + ": unreadable, " + e);
                        }
                    });
        }
        assertEquals(List.of(), found, "old variable names outside RenamedVariables and the page's table");
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (!(Files.isDirectory(dir.resolve("deploy/dev-keys")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
            if (dir == null) {
                throw new IllegalStateException("No repository root (with deploy/dev-keys) above " + Path.of("").toAbsolutePath());
            }
        }
        return dir;
    }
}
