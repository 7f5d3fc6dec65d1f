package io.savepoint.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal OpenTelemetry collector for tests: accepts OTLP/HTTP protobuf trace exports ({@code POST /v1/traces}) and
 * keeps each span's service, trace id, span id and name. The services under test export to it with
 * {@link #exportConfig()}.
 */
public final class OtlpTraceCollector implements AutoCloseable {

    /** One received span; ids in lowercase hex as in a W3C {@code traceparent}. */
    public record Span(String service, String traceId, String spanId, String parentSpanId, String name) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    private OtlpTraceCollector(HttpServer server) {
        this.server = server;
    }

    public static OtlpTraceCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpTraceCollector collector = new OtlpTraceCollector(server);
            server.createContext("/v1/traces", collector::receive);
            server.start();
            return collector;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the OTLP test collector", e);
        }
    }

    /** Settings that turn tracing on in a Savepoint service and export every span here at once. */
    public Map<String, String> exportConfig() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    /** The spans received so far with this trace id. */
    public List<Span> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Waits until the spans of {@code traceId} satisfy {@code complete}; answers them either way. */
    public List<Span> awaitTrace(String traceId, Predicate<List<Span>> complete, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Span> trace = trace(traceId);
        while (!complete.test(trace) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            trace = trace(traceId);
        }
        return trace;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            readExportRequest(body.readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.sendResponseHeaders(200, -1);
        }
    }

    // The OTLP messages (opentelemetry/proto/collector/trace/v1, trace/v1, resource/v1, common/v1), read by field
    // number; every field not named here is skipped.

    /** ExportTraceServiceRequest: 1 = repeated ResourceSpans. */
    private void readExportRequest(byte[] request) throws IOException {
        forEachField(request, (field, message) -> {
            if (field == 1) {
                readResourceSpans(message);
            }
        });
    }

    /** ResourceSpans: 1 = Resource, 2 = repeated ScopeSpans. The resource comes first on the wire. */
    private void readResourceSpans(byte[] resourceSpans) throws IOException {
        String[] service = {"unknown"};
        forEachField(resourceSpans, (field, message) -> {
            if (field == 1) {
                service[0] = serviceName(message);
            } else if (field == 2) {
                // ScopeSpans: 2 = repeated Span
                forEachField(message, (scopeField, span) -> {
                    if (scopeField == 2) {
                        spans.add(readSpan(service[0], span));
                    }
                });
            }
        });
    }

    /** Resource: 1 = repeated KeyValue (1 = key, 2 = AnyValue with 1 = string_value); answers service.name. */
    private static String serviceName(byte[] resource) throws IOException {
        String[] name = {"unknown"};
        forEachField(resource, (field, attribute) -> {
            if (field == 1) {
                String[] key = {null};
                forEachField(attribute, (attributeField, value) -> {
                    if (attributeField == 1) {
                        key[0] = new String(value, StandardCharsets.UTF_8);
                    } else if (attributeField == 2 && "service.name".equals(key[0])) {
                        forEachField(value, (valueField, text) -> {
                            if (valueField == 1) {
                                name[0] = new String(text, StandardCharsets.UTF_8);
                            }
                        });
                    }
                });
            }
        });
        return name[0];
    }

    /** Span: 1 = trace_id, 2 = span_id, 4 = parent_span_id, 5 = name. */
    private static Span readSpan(String service, byte[] span) throws IOException {
        String[] values = new String[4];
        forEachField(span, (field, value) -> {
            switch (field) {
                case 1 -> values[0] = HexFormat.of().formatHex(value);
                case 2 -> values[1] = HexFormat.of().formatHex(value);
                case 4 -> values[2] = HexFormat.of().formatHex(value);
                case 5 -> values[3] = new String(value, StandardCharsets.UTF_8);
                default -> {
                }
            }
        });
        return new Span(service, values[0], values[1], values[2] == null ? "" : values[2], values[3]);
    }

    private interface FieldReader {
        void read(int field, byte[] content) throws IOException;
    }

    /** Hands each length-delimited field of the message to {@code reader}; skips the others. */
    private static void forEachField(byte[] message, FieldReader reader) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                in.skipField(tag);
                continue;
            }
            reader.read(WireFormat.getTagFieldNumber(tag), in.readByteArray());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
