package io.savepoint.protocol;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import jakarta.ws.rs.core.StreamingOutput;

import io.vertx.core.http.HttpServerResponse;

/**
 * A streamed response body that stops once the client has gone away. Writes to a closed connection are otherwise
 * dropped silently (unless the write queue was full), so a player that seeks or a client that gives up made the
 * service read and send the rest of the bytes anyway: for a clip, or a batch download of many users' blobs, that is
 * hundreds of megabytes read for nobody.
 */
public final class ConnectedOutput {

    /** Writes a response body to {@code out}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private ConnectedOutput() {
    }

    /** {@code body} as a response entity whose writes fail once {@code connection} is closed, ending the body quietly. */
    public static StreamingOutput streaming(HttpServerResponse connection, Body body) {
        return out -> {
            try {
                body.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        if (connection.closed()) {
                            throw new ClientGone();
                        }
                        out.write(bytes, offset, length);
                    }
                });
            } catch (ClientGone e) {
                // Nobody is left to answer; whatever produced the bytes stopped at its next write.
            }
        };
    }

    private static final class ClientGone extends IOException {
        ClientGone() {
            super("The client closed the connection");
        }
    }
}
