package io.savepoint.storage.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Usage accounting per owner scope. Every change locks the scope's usage row, so concurrent reservations, commits
 * and releases never lose an update and never overshoot the quota together.
 */
@ApplicationScoped
public class QuotaService {

    @Transactional(Transactional.TxType.SUPPORTS)
    public QuotaUsage usage(QuotaUsage.Scope scope) {
        QuotaUsage usage = QuotaUsage.findById(scope);
        if (usage == null) {
            usage = new QuotaUsage();
            usage.scope = scope;
        }
        return usage;
    }

    public long usedBytes(QuotaUsage.Scope scope) {
        return usage(scope).usedBytes;
    }

    /**
     * Holds {@code bytes} for {@code reservationId}, until committed or released, or released by
     * {@link #releaseExpired} after {@code hold} (null: no limit); a retry with the same id answers the same reservation.
     */
    @Transactional
    public QuotaReservation reserve(String reservationId, QuotaUsage.Scope scope, long bytes, long quotaBytes, Duration hold) {
        // The scope's row is locked first, so two retries of one reservation cannot both insert it.
        QuotaUsage usage = lockUsage(scope);
        QuotaReservation existing = QuotaReservation.findById(reservationId);
        if (existing != null) {
            return existing;
        }
        if (usage.usedBytes + usage.reservedBytes + bytes > quotaBytes) {
            throw new QuotaExceededException("Needs " + bytes + " bytes but " + (usage.usedBytes + usage.reservedBytes)
                    + " of the " + quotaBytes + "-byte quota are used or reserved.");
        }
        usage.reservedBytes += bytes;
        Instant now = Instant.now();
        QuotaReservation reservation = new QuotaReservation();
        reservation.reservationId = reservationId;
        reservation.scope = scope;
        reservation.bytes = bytes;
        reservation.state = QuotaReservation.State.RESERVED;
        reservation.createdAt = now;
        reservation.updatedAt = now;
        reservation.holdUntil = hold == null ? null : now.plus(hold);
        reservation.persist();
        return reservation;
    }

    /** Turns a reservation into used bytes (the actual size may differ from the reserved one). Idempotent. */
    @Transactional
    public QuotaUsage commit(String reservationId, long actualBytes) {
        QuotaReservation reservation = lockReservation(reservationId);
        QuotaUsage usage = lockUsage(reservation.scope);
        if (reservation.state == QuotaReservation.State.RESERVED) {
            usage.reservedBytes -= reservation.bytes;
            usage.usedBytes += actualBytes;
            reservation.committedBytes = actualBytes;
            reservation.state = QuotaReservation.State.COMMITTED;
            reservation.updatedAt = Instant.now();
        } else if (reservation.state == QuotaReservation.State.RELEASED) {
            throw new IllegalStateException("Quota reservation " + reservationId + " was already released.");
        }
        return usage;
    }

    /** Gives back the reserved or used bytes of a reservation. Idempotent. */
    @Transactional
    public QuotaUsage release(String reservationId) {
        QuotaReservation reservation = lockReservation(reservationId);
        QuotaUsage usage = lockUsage(reservation.scope);
        switch (reservation.state) {
            case RESERVED -> usage.reservedBytes -= reservation.bytes;
            case COMMITTED -> usage.usedBytes -= reservation.committedBytes;
            case RELEASED -> {
                return usage;
            }
        }
        reservation.state = QuotaReservation.State.RELEASED;
        reservation.updatedAt = Instant.now();
        return usage;
    }

    /** Ids of reservations still RESERVED past their hold, oldest first, at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> expiredReservations(Instant now, int limit) {
        return QuotaReservation.<QuotaReservation>find("state = ?1 and holdUntil < ?2 order by holdUntil",
                QuotaReservation.State.RESERVED, now).page(0, limit).stream().map(r -> r.reservationId).toList();
    }

    /**
     * Releases a reservation still RESERVED past its hold (checked again under its lock: a commit that got there first
     * wins); answers whether it released it.
     */
    @Transactional
    public boolean releaseExpired(String reservationId, Instant now) {
        QuotaReservation reservation = lockReservation(reservationId);
        if (reservation.state != QuotaReservation.State.RESERVED || reservation.holdUntil == null || !reservation.holdUntil.isBefore(now)) {
            return false;
        }
        release(reservationId);
        return true;
    }

    /**
     * Changes a scope's used bytes by {@code delta} in the caller's transaction; growth that would pass
     * {@code quotaBytes} (counting reservations) is refused.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public QuotaUsage adjustUsed(QuotaUsage.Scope scope, long delta, long quotaBytes) {
        QuotaUsage usage = lockUsage(scope);
        if (delta > 0 && usage.usedBytes + usage.reservedBytes + delta > quotaBytes) {
            throw new QuotaExceededException("Needs " + delta + " more bytes but " + (usage.usedBytes + usage.reservedBytes)
                    + " of the " + quotaBytes + "-byte quota are used or reserved.");
        }
        usage.usedBytes = Math.max(0, usage.usedBytes + delta);
        return usage;
    }

    private static QuotaReservation lockReservation(String reservationId) {
        QuotaReservation reservation = QuotaReservation.findById(reservationId, LockModeType.PESSIMISTIC_WRITE);
        if (reservation == null) {
            throw new UnknownReservationException(reservationId);
        }
        return reservation;
    }

    private static QuotaUsage lockUsage(QuotaUsage.Scope scope) {
        QuotaUsage.getEntityManager().createNativeQuery("""
                INSERT INTO quota_usage (sandbox_id, scid, family, owner, used_bytes, reserved_bytes)
                VALUES (?1, ?2, ?3, ?4, 0, 0) ON CONFLICT DO NOTHING""")
                .setParameter(1, scope.sandboxId()).setParameter(2, scope.scid())
                .setParameter(3, scope.family()).setParameter(4, scope.owner())
                .executeUpdate();
        return QuotaUsage.findById(scope, LockModeType.PESSIMISTIC_WRITE);
    }
}
