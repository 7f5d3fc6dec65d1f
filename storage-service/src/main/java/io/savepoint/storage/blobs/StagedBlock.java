package io.savepoint.storage.blobs;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A block received for an upload that is not committed yet. */
@Entity
@Table(name = "staged_block")
@IdClass(StagedBlock.Key.class)
public class StagedBlock extends PanacheEntityBase {

    @Id
    @Column(name = "upload_id")
    public String uploadId;

    @Id
    @Column(name = "block_num")
    public int blockNum;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "file_key", nullable = false)
    public String fileKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The sweeper keeps the upload's blocks at least until then, however idle it is; null: no such promise. */
    @Column(name = "keep_until")
    public Instant keepUntil;

    public record Key(String uploadId, int blockNum) implements Serializable {
    }
}
