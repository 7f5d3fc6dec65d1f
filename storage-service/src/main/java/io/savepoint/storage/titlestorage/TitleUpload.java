package io.savepoint.storage.titlestorage;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A multi-block binary upload in progress; its id is the stem of the continuation token. */
@Entity
@Table(name = "title_upload")
public class TitleUpload extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "sandbox_id", nullable = false)
    public String sandboxId;
    @Column(nullable = false)
    public String scid;
    @Column(nullable = false)
    public String family;
    @Column(nullable = false)
    public String owner;
    @Column(nullable = false)
    public String path;
    @Column(name = "blob_type", nullable = false)
    public String blobType;
    @Column(name = "next_block", nullable = false)
    public int nextBlock;
    @Column(name = "staged_bytes", nullable = false)
    public long stagedBytes;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "client_file_time")
    public Instant clientFileTime;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The BlobEngine upload the blocks of upload {@code id} are staged under. */
    static String blobUploadId(UUID id) {
        return "ts-" + id;
    }

    /** The token a client sends with block {@code nextBlock}: {@code <uuid>-<block>}, like the service's own. */
    public String continuationToken() {
        return id + "-" + nextBlock;
    }
}
