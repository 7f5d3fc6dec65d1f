package io.savepoint.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bare HTTP/1.1 client on one keep-alive socket that writes the request bytes exactly as given: a request target with
 * {@code %00} or raw non-ASCII bytes, header values with NUL or invalid UTF-8, bodies that are not what their
 * Content-Type says. {@code java.net.http.HttpClient} and RestAssured refuse or normalize such requests; a fuzzer must
 * not. It reads back one complete response per request (status line, headers, a Content-Length, chunked or
 * read-to-close body) and says so when the server hung up instead.
 */
public final class RawHttp implements AutoCloseable {

    /** A complete response. */
    public record Response(int status, List<String[]> headers, byte[] body) {

        public String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The server closed the connection or went silent without a complete response. */
    public static final class NoResponse extends IOException {
        private final boolean nothingRead;

        NoResponse(String message, boolean nothingRead, Throwable cause) {
            super(message, cause);
            this.nothingRead = nothingRead;
        }
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connections;

    public RawHttp(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** The {@code Host} header value of this server. */
    public String authority() {
        return host + ":" + port;
    }

    /** Connections opened so far (one per server-side close). */
    public int connections() {
        return connections;
    }

    /** Sends {@code request} as it is. */
    public Response send(FuzzRequest request) throws NoResponse {
        return exchange(request.bytes(authority()), request.isHead());
    }

    /**
     * Writes {@code request} (a whole HTTP/1.1 request) and reads its response. A reused connection the server had
     * already closed is retried once on a fresh one, as every keep-alive client does; a fresh connection that ends
     * without a complete response is a {@link NoResponse}.
     */
    public Response exchange(byte[] request, boolean head) throws NoResponse {
        boolean reused = socket != null;
        try {
            return attempt(request, head);
        } catch (NoResponse e) {
            if (!reused || !e.nothingRead) {
                throw e;
            }
            return attempt(request, head);
        }
    }

    private Response attempt(byte[] request, boolean head) throws NoResponse {
        boolean wrote = false;
        try {
            connect();
            try {
                out.write(request);
                out.flush();
                wrote = true;
            } catch (IOException e) {
                // The server may answer (e.g. 413, 400) and close before taking the whole request: read that answer.
            }
            Response response = read(head);
            if ("close".equalsIgnoreCase(trim(response.header("Connection")))) {
                disconnect();
            }
            return response;
        } catch (EmptyResponse e) {
            disconnect();
            throw new NoResponse("the connection closed without any response" + (wrote ? "" : " (the request could not be written)"), true,
                    e);
        } catch (IOException e) {
            disconnect();
            throw new NoResponse(e instanceof SocketTimeoutException ? "no complete response within " + timeoutMillis + " ms"
                    : "the response was cut short: " + e, false, e);
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
            connections++;
        }
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        disconnect();
    }

    private static final class EmptyResponse extends IOException {
    }

    private Response read(boolean head) throws IOException {
        while (true) {
            String statusLine = line(true);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP status line: '" + statusLine + "'");
            }
            int status = Integer.parseInt(parts[1]);
            List<String[]> headers = new ArrayList<>();
            int headerBytes = 0;
            for (String line = line(false); !line.isEmpty(); line = line(false)) {
                headerBytes += line.length();
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new IOException("response headers larger than " + MAX_HEADER_BYTES + " bytes");
                }
                int colon = line.indexOf(':');
                headers.add(colon < 0 ? new String[] {line, ""}
                        : new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
            if (status >= 100 && status < 200) {
                continue; // 100 Continue and other interim answers precede the real one
            }
            Response bare = new Response(status, headers, new byte[0]);
            if (head || status == 204 || status == 304) {
                return bare;
            }
            String encoding = trim(bare.header("Transfer-Encoding"));
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                return new Response(status, headers, chunked());
            }
            String length = trim(bare.header("Content-Length"));
            if (length != null) {
                return new Response(status, headers, exactly(Long.parseLong(length)));
            }
            byte[] rest = in.readAllBytes();
            disconnect();
            return new Response(status, headers, rest);
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(false);
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line(false).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(exactly(n));
            if (!line(false).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] exactly(long n) throws IOException {
        if (n > 256L * 1024 * 1024) {
            throw new IOException("response body of " + n + " bytes");
        }
        byte[] bytes = in.readNBytes((int) n);
        if (bytes.length < n) {
            throw new EOFException("body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private String line(boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && line.size() == 0) {
                    throw new EmptyResponse();
                }
                throw new EOFException("connection closed in the middle of a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw new IOException("response line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
