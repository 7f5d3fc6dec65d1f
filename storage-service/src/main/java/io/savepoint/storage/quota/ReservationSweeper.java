package io.savepoint.storage.quota;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Releases reservations still held past the hold their reserver asked for: a metadata-service that crashed between
 * Reserve and recording its clip would otherwise keep those bytes from the owner forever. Replicas may sweep side by
 * side: each release locks its reservation and checks it again.
 */
@ApplicationScoped
public class ReservationSweeper {

    private static final Logger LOG = Logger.getLogger(ReservationSweeper.class);
    private static final int BATCH = 500;

    private final QuotaService quota;

    ReservationSweeper(QuotaService quota) {
        this.quota = quota;
    }

    @Scheduled(every = "${savepoint.storage.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        releaseExpired();
    }

    /** Answers how many reservations it released. */
    public int releaseExpired() {
        Instant now = Instant.now();
        int released = 0;
        List<String> expired;
        do {
            expired = quota.expiredReservations(now, BATCH);
            for (String reservationId : expired) {
                if (quota.releaseExpired(reservationId, now)) {
                    released++;
                }
            }
        } while (expired.size() == BATCH);
        if (released > 0) {
            LOG.infof("Released %d quota reservation(s) held past their hold time", released);
        }
        return released;
    }
}
