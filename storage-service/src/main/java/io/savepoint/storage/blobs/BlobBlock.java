package io.savepoint.storage.blobs;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One block of a version: where its bytes are and where they sit in the blob. */
@Entity
@Table(name = "blob_block")
@IdClass(BlobBlock.Key.class)
public class BlobBlock extends PanacheEntityBase {

    @Id
    @Column(name = "version_id")
    public UUID versionId;

    @Id
    @Column(name = "block_index")
    public int blockIndex;

    @Column(name = "start_offset", nullable = false)
    public long startOffset;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "file_key", nullable = false)
    public String fileKey;

    public record Key(UUID versionId, int blockIndex) implements Serializable {
    }
}
