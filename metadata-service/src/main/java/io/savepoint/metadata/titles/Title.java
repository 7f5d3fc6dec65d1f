package io.savepoint.metadata.titles;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A registered title: its SCIDs, sandboxes, names and per-family storage policies. */
@Entity
@Table(name = "title")
public class Title extends PanacheEntityBase {

    @Id
    @Column(name = "title_id")
    public Long titleId;

    /** SCIDs are lower-case GUIDs; a SCID belongs to one title only (primary key of title_scid). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "title_scid", joinColumns = @JoinColumn(name = "title_id"))
    @Column(name = "scid")
    public Set<String> scids;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sandbox_ids", nullable = false)
    public List<String> sandboxIds;

    @Column(name = "default_locale", nullable = false)
    public String defaultLocale;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "display_names", nullable = false)
    public Map<String, String> displayNames;

    /** greatestMomentId / clipNameStringId → locale → text. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "clip_names", nullable = false)
    public Map<String, Map<String, String>> clipNames;

    /** StorageFamily json name → policy; every family is present. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "storage_policies", nullable = false)
    public Map<String, StoragePolicy> storagePolicies;

    @Column(name = "clip_quota_bytes", nullable = false)
    public long clipQuotaBytes;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Title> findByScid(String scid) {
        return find("select t from Title t join t.scids s where s = ?1", scid).firstResultOptional();
    }
}
