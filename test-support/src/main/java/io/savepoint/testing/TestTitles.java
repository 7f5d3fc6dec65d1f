package io.savepoint.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The titles every test run imports (savepoint-test-titles.json), and the ids tests refer to. */
public final class TestTitles {

    public static final long TITLE_ID = 1000001;
    public static final String SCID = "00000000-0000-0000-0000-00000000a001";
    public static final String SANDBOX = "XDKS.1";
    public static final long OTHER_TITLE_ID = 1000002;
    public static final String OTHER_SCID = "00000000-0000-0000-0000-00000000a002";
    public static final String UNREGISTERED_SCID = "00000000-0000-0000-0000-00000000ffff";

    private TestTitles() {
    }

    /** The titles file copied out of the classpath, for a peer's savepoint.metadata.titles-file. */
    public static Path file() {
        try (InputStream in = TestTitles.class.getResourceAsStream("/savepoint-test-titles.json")) {
            Path file = Files.createTempFile("savepoint-test-titles", ".json");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
