package io.savepoint.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class RenamedVariablesTest {

    /** Where an old name may still be written: the list itself, this test, and the page's table of renamed variables. */
    static final Set<String> MAY_NAME_OLD_VARIABLES = Set.of("proto/src/main/java/io/savepoint/protocol/RenamedVariables.java",
            "proto/src/test/java/io/savepoint/protocol/RenamedVariablesTest.java", "docs/configuration.md");
    static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules", ".run");

    @Test
    void anOldNameStopsTheStartNamingTheNewOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RenamedVariables.check(Map.of("SAVEPOINT_S3_BUCKET", "blocks", "PATH", "/usr/bin")));
        assertTrue(e.getMessage().contains("SAVEPOINT_S3_BUCKET -> SAVEPOINT_STORAGE_S3_BUCKET"), e.getMessage());
        assertDoesNotThrow(() -> RenamedVariables.check(Map.of("SAVEPOINT_STORAGE_S3_BUCKET", "blocks", "SAVEPOINT_DB_HOST", "db")));
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
