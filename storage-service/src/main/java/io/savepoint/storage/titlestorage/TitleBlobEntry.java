package io.savepoint.storage.titlestorage;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

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

    public record Key(String sandboxId, String scid, String family, String owner, String path, String blobType) implements Serializable {
    }
}
