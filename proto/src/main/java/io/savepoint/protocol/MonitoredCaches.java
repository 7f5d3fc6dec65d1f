package io.savepoint.protocol;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Caches are Caffeine caches, always bounded and always measured. Most are quarkus-cache caches, configured in
 * application.properties ({@code quarkus.cache.caffeine."name".*}, with {@code metrics-enabled}); a cache that needs
 * what quarkus-cache cannot express (a weight in bytes, a lifetime per entry) is built here instead, and exports the
 * same {@code cache_*} metrics (gets by hit/miss, puts, evictions, size), tagged with its name.
 */
public final class MonitoredCaches {

    private MonitoredCaches() {
    }

    /**
     * Builds {@code builder} (which must set a maximum size or weight) and registers its metrics as cache {@code name},
     * replacing those of an earlier cache of that name: the registry outlives a restart of the app in dev mode and
     * tests, and its meters would keep reading the old, discarded cache.
     */
    public static <K, V> Cache<K, V> build(MeterRegistry registry, String name, Caffeine<K, V> builder) {
        Cache<K, V> cache = builder.recordStats().build();
        registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("cache.") && name.equals(meter.getId().getTag("cache")))
                .forEach(registry::remove);
        CaffeineCacheMetrics.monitor(registry, cache, name);
        return cache;
    }
}
