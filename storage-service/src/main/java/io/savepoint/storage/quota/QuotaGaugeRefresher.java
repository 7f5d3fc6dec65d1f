package io.savepoint.storage.quota;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.savepoint.grpc.v1.StorageFamily;
import io.savepoint.protocol.RefreshedGauges;

/**
 * Prometheus gauges of quota usage per storage family, {@code savepoint_quota_used_bytes{family}} and
 * {@code savepoint_quota_reserved_bytes{family}}: totals over all owners, read from the database every 30 s with one
 * grouped query rather than on each scrape. Every replica reports the same totals.
 */
@Startup
@ApplicationScoped
public class QuotaGaugeRefresher {

    private record FamilyTotals(AtomicLong used, AtomicLong reserved) {
    }

    private final Map<String, FamilyTotals> families = new HashMap<>();

    QuotaGaugeRefresher(RefreshedGauges gauges) {
        for (StorageFamily family : StorageFamily.values()) {
            if (family == StorageFamily.STORAGE_FAMILY_UNSPECIFIED || family == StorageFamily.UNRECOGNIZED) {
                continue;
            }
            families.put(family.name(), new FamilyTotals(
                    gauges.register("savepoint.quota.used", "family", family.name(), "bytes",
                            "Bytes counted against quotas, summed over all owners of the storage family"),
                    gauges.register("savepoint.quota.reserved", "family", family.name(), "bytes",
                            "Bytes reserved by uploads in progress, summed over all owners of the storage family")));
        }
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuotaUsage.getEntityManager().createNativeQuery(
                "SELECT family, SUM(used_bytes), SUM(reserved_bytes) FROM quota_usage GROUP BY family").getResultList();
        Map<String, Object[]> current = new HashMap<>();
        rows.forEach(row -> current.put((String) row[0], row));
        families.forEach((family, totals) -> {
            Object[] row = current.get(family);
            totals.used().set(row == null ? 0 : ((Number) row[1]).longValue());
            totals.reserved().set(row == null ? 0 : ((Number) row[2]).longValue());
        });
    }
}
