package io.savepoint.storage.titlestorage;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.savepoint.storage.quota.QuotaUsage;
import io.savepoint.storage.titlestorage.rules.BlobName;

/** The current version of one Title Storage blob. */
@Entity
@Table(name = "title_blob")
@IdClass(TitleBlobEntry.Key.class)
public class TitleBlobEntry extends PanacheEntityBase {

    @Id
    @Column(name = "sandbox_id")
    public String sandboxId;
    @Id
    public String scid;
    @Id
    public String family;
    @Id
    public String owner;
    @Id
    public String path;
    @Id
    @Column(name = "blob_type")
    public String blobType;

    @Column(name = "version_id", nullable = false)
    public UUID versionId;

    @Column(nullable = false)
    public String etag;

    @Column(nullable = false)
    public long size;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "client_file_time")
    public Instant clientFileTime;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The blob's entry, if it has one. */
    static Optional<TitleBlobEntry> findByName(StorageTarget target, BlobName name) {
        QuotaUsage.Scope s = target.scope();
        return findByIdOptional(new Key(s.sandboxId(), s.scid(), s.family(), s.owner(), name.path(), name.type().suffix()));
    }

    /** The blob's entry (null without one), locked; concurrent writers of one blob are serialized by an advisory lock on its key. */
    static TitleBlobEntry lockForWrite(StorageTarget target, BlobName name) {
        QuotaUsage.Scope s = target.scope();
        String key = String.join("|", s.sandboxId(), s.scid(), s.family(), s.owner(), name.path(), name.type().suffix());
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, key)
                .getSingleResult();
        return findById(new Key(s.sandboxId(), s.scid(), s.family(), s.owner(), name.path(), name.type().suffix()),
                LockModeType.PESSIMISTIC_WRITE);
    }

    public record Key(String sandboxId, String scid, String family, String owner, String path, String blobType) implements Serializable {
    }
}
