package io.savepoint.storage.quota;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Bytes held against a scope's quota for an upload in progress. */
@Entity
@Table(name = "quota_reservation")
public class QuotaReservation extends PanacheEntityBase {

    public enum State {
        RESERVED,
        COMMITTED,
        RELEASED
    }

    @Id
    @Column(name = "reservation_id")
    public String reservationId;

    @Embedded
    public QuotaUsage.Scope scope;

    @Column(nullable = false)
    public long bytes;

    @Column(name = "committed_bytes")
    public Long committedBytes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Released by the sweeper when still RESERVED after this; null: held until committed or released. */
    @Column(name = "hold_until")
    public Instant holdUntil;
}
