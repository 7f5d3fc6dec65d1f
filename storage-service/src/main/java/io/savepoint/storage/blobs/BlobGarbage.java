package io.savepoint.storage.blobs;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A block file to delete (unreferenced), or being written (so a crash mid-write leaves no orphan). */
@Entity
@Table(name = "blob_garbage")
public class BlobGarbage extends PanacheEntityBase {

    @Id
    @Column(name = "file_key")
    public String fileKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static void add(String fileKey, Instant at) {
        BlobGarbage garbage = new BlobGarbage();
        garbage.fileKey = fileKey;
        garbage.createdAt = at;
        garbage.persist();
    }
}
