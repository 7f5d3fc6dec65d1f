package io.savepoint.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The InitialUploadRequest of the docs (spec A.1, C.1), read from
 * {@code ../shared/fixtures/xbox-live/docs-examples/gameclips_InitialUploadRequest.json}, and changed copies of it.
 */
public final class InitialUploadRequests {

    /** The docs example as it stands in the fixture file: greatestMomentId 123abc, 7 blocks, 1234567 bytes. */
    public static final String FIXTURE = read();

    private static final ObjectMapper JSON = new ObjectMapper();

    private InitialUploadRequests() {
    }

    /** The fixture with {@code change} applied to its JSON object. */
    public static String body(Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(FIXTURE);
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read() {
        try {
            return Files.readString(RepoPaths.root()
                    .resolve("../shared/fixtures/xbox-live/docs-examples/gameclips_InitialUploadRequest.json").normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("the fixtures are expected beside the repository, at ../shared", e);
        }
    }
}
