package io.savepoint.storage.quota;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Bytes used and reserved by one owner scope (sandbox, SCID, family, owner). */
@Entity
@Table(name = "quota_usage")
public class QuotaUsage extends PanacheEntityBase {

    @EmbeddedId
    public Scope scope;

    @Column(name = "used_bytes", nullable = false)
    public long usedBytes;

    @Column(name = "reserved_bytes", nullable = false)
    public long reservedBytes;

    @Embeddable
    public record Scope(
            @Column(name = "sandbox_id") String sandboxId,
            @Column(name = "scid") String scid,
            @Column(name = "family") String family,
            @Column(name = "owner") String owner) implements Serializable {
    }
}
