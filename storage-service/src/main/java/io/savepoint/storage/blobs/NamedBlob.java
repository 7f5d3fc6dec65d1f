package io.savepoint.storage.blobs;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The current version of a blob addressed by (namespace, key), as BlobStore callers name them. */
@Entity
@Table(name = "named_blob")
@IdClass(NamedBlob.Key.class)
public class NamedBlob extends PanacheEntityBase {

    @Id
    public String namespace;

    @Id
    @Column(name = "blob_key")
    public String key;

    @Column(name = "version_id", nullable = false)
    public UUID versionId;

    @Column(nullable = false)
    public String etag;

    @Column(name = "upload_id", nullable = false)
    public String uploadId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public record Key(String namespace, String key) implements Serializable {
    }
}
