package io.savepoint.transfer.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.savepoint.protocol.ApiException;

/**
 * Prometheus metrics of clip block uploads: {@code savepoint_upload_bytes_total}, {@code savepoint_uploads_active}
 * and {@code savepoint_upload_blocks_total{outcome}}.
 */
@Startup
@ApplicationScoped
public class UploadMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final Gauge activeGauge;
    private final Counter acceptedBytes;

    UploadMetrics(MeterRegistry registry) {
        this.registry = registry;
        activeGauge = Gauge.builder("savepoint.uploads.active", active, AtomicInteger::get)
                .description("Block PUTs of clip uploads in progress on this instance").register(registry);
        acceptedBytes = Counter.builder("savepoint.upload.bytes").baseUnit("bytes")
                .description("Bytes of clip blocks stored (blocks refused or failed are not counted)").register(registry);
    }

    /** A gauge outliving its bean would read a dead counter after a dev-mode or test restart of the app. */
    @PreDestroy
    void unregister() {
        registry.remove(activeGauge);
    }

    /**
     * Runs one block PUT on a counting view of its body and records it: its bytes once the block is stored, and its
     * outcome ({@code accepted}, {@code completed}, {@code rejected} for a 4xx answer, {@code failed} otherwise).
     */
    public BlockUploadService.Outcome recordBlock(InputStream body, Function<InputStream, BlockUploadService.Outcome> upload) {
        CountingInputStream counted = new CountingInputStream(body);
        active.incrementAndGet();
        try {
            BlockUploadService.Outcome outcome = upload.apply(counted);
            acceptedBytes.increment(counted.bytes);
            countBlock(outcome.name().toLowerCase(Locale.ROOT));
            return outcome;
        } catch (RuntimeException e) {
            countBlock(e instanceof ApiException api && api.status() < 500 ? "rejected" : "failed");
            throw e;
        } finally {
            active.decrementAndGet();
        }
    }

    private void countBlock(String outcome) {
        Counter.builder("savepoint.upload.blocks").tag("outcome", outcome)
                .description("Clip block PUTs by outcome: accepted, completed (the upload's last block), rejected (4xx), failed")
                .register(registry).increment();
    }

    /** Counts the bytes read through it. */
    private static final class CountingInputStream extends FilterInputStream {
        long bytes;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            bytes += skipped;
            return skipped;
        }
    }
}
