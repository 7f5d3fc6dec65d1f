package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MultipartBatchWriterTest {

    private static final String BOUNDARY = "c0a9fd75-d036-4294-8b7b-85fea15a31bb";

    private static InputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The B.6 / docs-examples/titlestorage_batch_response.http.txt body (chunk sizes removed), with CRLF line ends. */
    private static final String DOC_SAMPLE = String.join("\r\n",
            "--c0a9fd75-d036-4294-8b7b-85fea15a31bb",
            "Content-Disposition: binary; name=\"123\"; filename=\"123\"",
            "HttpStatusCode: 200",
            "ETag: 0x8CF327717411C31",
            "Content-Type: application/octet-stream",
            "",
            "asdf123",
            "--c0a9fd75-d036-4294-8b7b-85fea15a31bb",
            "Content-Disposition: binary; name=\"456\"; filename=\"456\"",
            "HttpStatusCode: 200",
            "ETag: 0x8CF32771E954BB8",
            "Content-Type: application/octet-stream",
            "",
            "asdf456",
            "--c0a9fd75-d036-4294-8b7b-85fea15a31bb",
            "Content-Disposition: binary; name=\"789\"; filename=\"789\"",
            "HttpStatusCode: 404",
            "",
            "",
            "--c0a9fd75-d036-4294-8b7b-85fea15a31bb--",
            "");

    @Test
    void writesTheDocSampleByteForByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartBatchWriter writer = new MultipartBatchWriter(out, BOUNDARY);
        writer.part("123", 200, "0x8CF327717411C31", "application/octet-stream", body("asdf123"));
        writer.part("456", 200, "0x8CF32771E954BB8", "application/octet-stream", body("asdf456"));
        writer.part("789", 404, null, null, null);
        writer.finish();

        assertThat(out.toByteArray()).isEqualTo(DOC_SAMPLE.getBytes(StandardCharsets.US_ASCII));
        // the sample's single chunk is 0x228 bytes long: our body has exactly that size
        assertThat(out.size()).isEqualTo(0x228);
    }

    @Test
    void optionalHeadersAreIndependent() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartBatchWriter writer = new MultipartBatchWriter(out, "b");
        writer.part("1", 200, null, "application/json", body("{}"));
        writer.part("2", 200, "\"0x1\"", null, body(""));
        writer.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "--b\r\nContent-Disposition: binary; name=\"1\"; filename=\"1\"\r\nHttpStatusCode: 200\r\n"
                        + "Content-Type: application/json\r\n\r\n{}\r\n"
                        + "--b\r\nContent-Disposition: binary; name=\"2\"; filename=\"2\"\r\nHttpStatusCode: 200\r\n"
                        + "ETag: \"0x1\"\r\n\r\n\r\n"
                        + "--b--\r\n");
    }

    @Test
    void binaryBodiesAreCopiedVerbatim() throws IOException {
        byte[] bytes = new byte[256 * 1024 + 7];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartBatchWriter writer = new MultipartBatchWriter(out, BOUNDARY);
        writer.part("2533274790395904", 200, "0xABC", "application/octet-stream", new ByteArrayInputStream(bytes));
        writer.finish();

        byte[] written = out.toByteArray();
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: binary; name=\"2533274790395904\"; filename=\"2533274790395904\"\r\n"
                + "HttpStatusCode: 200\r\nETag: 0xABC\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(written).hasSize(head.length + bytes.length + tail.length);
        assertThat(Arrays.copyOfRange(written, 0, head.length)).isEqualTo(head);
        assertThat(Arrays.copyOfRange(written, head.length, head.length + bytes.length)).isEqualTo(bytes);
        assertThat(Arrays.copyOfRange(written, head.length + bytes.length, written.length)).isEqualTo(tail);
    }

    @Test
    void emptyBatchIsJustTheCloseDelimiter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MultipartBatchWriter(out, "xyz").finish();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("--xyz--\r\n");
    }

    @Test
    void bodyStreamIsNotClosed() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[] {1, 2}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new MultipartBatchWriter(new ByteArrayOutputStream(), "b").part("1", 200, null, null, in);
        assertThat(closed[0]).isFalse();
    }

    @Test
    void finishIsIdempotentAndEndsTheBody() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartBatchWriter writer = new MultipartBatchWriter(out, "b");
        writer.finish();
        writer.finish();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("--b--\r\n");
        assertThatThrownBy(() -> writer.part("1", 200, null, null, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void headerInjectionIsRefused() {
        MultipartBatchWriter writer = new MultipartBatchWriter(new ByteArrayOutputStream(), "b");
        assertThatThrownBy(() -> writer.part("1\r\nX: y", 200, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.part("1\"", 200, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.part("1", 200, "a\nb", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.part("1", 200, null, "text/plain\r\n", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartBatchWriter(new ByteArrayOutputStream(), "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartBatchWriter(new ByteArrayOutputStream(), "x".repeat(71)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newBoundaryIsAUuid() {
        String boundary = MultipartBatchWriter.newBoundary();
        assertThat(UUID.fromString(boundary)).hasToString(boundary);
        assertThat(MultipartBatchWriter.newBoundary()).isNotEqualTo(boundary);
        assertThat(new MultipartBatchWriter(new ByteArrayOutputStream(), boundary).boundary()).isEqualTo(boundary);
    }
}
