package io.savepoint.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges whose values a bean refreshes itself (typically from a periodic SQL count) rather than computing on each scrape:
 * each gauge reads an {@link AtomicLong} that {@link #register} returns and the bean sets. The bean injects this
 * (dependent) object, which is destroyed with it and then removes its gauges from the registry: gauges outliving their
 * bean would read dead values after a dev-mode or test restart of the app. The bean keeps the returned counts (the
 * gauges hold them weakly).
 */
@Dependent
public class RefreshedGauges {

    private final MeterRegistry registry;
    private final List<Gauge> gauges = new ArrayList<>();

    public RefreshedGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers gauge {@code name} with one tag, no base unit, and returns the count it reads. */
    public AtomicLong register(String name, String tagKey, String tagValue, String description) {
        return register(name, tagKey, tagValue, null, description);
    }

    /** Registers gauge {@code name} with one tag and {@code baseUnit} (null for none), and returns the count it reads. */
    public AtomicLong register(String name, String tagKey, String tagValue, String baseUnit, String description) {
        AtomicLong count = new AtomicLong();
        gauges.add(Gauge.builder(name, count, AtomicLong::get).tag(tagKey, tagValue).baseUnit(baseUnit).description(description)
                .register(registry));
        return count;
    }

    /** Removes every gauge registered here from the registry. */
    @PreDestroy
    void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
