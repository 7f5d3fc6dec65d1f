package io.savepoint.storage.blobs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One immutable version of a blob's content: an ordered list of block files. */
@Entity
@Table(name = "blob_version")
public class BlobVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public String checksum;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "block_count", nullable = false)
    public int blockCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The bytes of a small version kept in the row (block_count 0), null for block-file versions. */
    @Column(name = "inline_data")
    public byte[] inlineData;

    public List<BlobBlock> blocks() {
        return BlobBlock.list("versionId = ?1 order by blockIndex", id);
    }
}
