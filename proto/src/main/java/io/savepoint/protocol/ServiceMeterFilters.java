package io.savepoint.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Micrometer settings of every service: an {@code application} label on each metric (the service's name, so one
 * Prometheus query can tell the services apart however they are scraped; gRPC metrics already use {@code service}
 * for the gRPC service), and latency histogram buckets on the HTTP and gRPC timers so dashboards can compute p95.
 */
@Singleton
public class ServiceMeterFilters {

    private static final Set<String> LATENCY_TIMERS = Set.of("http.server.requests", "grpc.server.processing.duration",
            "grpc.client.processing.duration");

    /** Few fixed buckets instead of Micrometer's ~70 default ones: one series per bucket, route and status. */
    private static final DistributionStatisticConfig LATENCY_BUCKETS = DistributionStatisticConfig.builder()
            .serviceLevelObjectives(nanos(Duration.ofMillis(5)), nanos(Duration.ofMillis(10)), nanos(Duration.ofMillis(25)),
                    nanos(Duration.ofMillis(50)), nanos(Duration.ofMillis(100)), nanos(Duration.ofMillis(250)),
                    nanos(Duration.ofMillis(500)), nanos(Duration.ofSeconds(1)), nanos(Duration.ofMillis(2500)),
                    nanos(Duration.ofSeconds(5)), nanos(Duration.ofSeconds(10)), nanos(Duration.ofSeconds(30)))
            .build();

    @Produces
    @Singleton
    MeterFilter applicationLabel(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(List.of(Tag.of("application", application)));
    }

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return LATENCY_TIMERS.contains(id.getName()) ? LATENCY_BUCKETS.merge(config) : config;
            }
        };
    }

    private static double nanos(Duration duration) {
        return duration.toNanos();
    }
}
