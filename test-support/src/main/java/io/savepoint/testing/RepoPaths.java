package io.savepoint.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository from a module's working directory (tests run in the module folder). */
public final class RepoPaths {

    private RepoPaths() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy/dev-keys")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "Cannot find the repository root (a folder with deploy/dev-keys) above " + Path.of("").toAbsolutePath());
    }

    public static Path devPrivateKey() {
        return root().resolve("deploy/dev-keys/dev-only-jwt-private.pem");
    }

    public static Path devPublicKey() {
        return root().resolve("deploy/dev-keys/dev-only-jwt-public.pem");
    }
}
