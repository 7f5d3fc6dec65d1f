package io.savepoint.metadata.clips.list;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.savepoint.metadata.clips.ClipsConfig;
import io.savepoint.metadata.clips.GameClipType;
import io.savepoint.metadata.clips.list.ClipListQuery.Qualifier;
import io.savepoint.metadata.clips.list.ContinuationTokens.Position;
import io.savepoint.metadata.clips.read.ClipReads;
import io.savepoint.metadata.clips.read.ClipVersion;
import io.savepoint.metadata.clips.read.ClipVisibilitySql;
import io.savepoint.metadata.clips.read.OwnerIds;
import io.savepoint.metadata.titles.service.ContentIsolation;
import io.savepoint.protocol.Caller;

/**
 * The clip lists (spec A.4–A.6): one page of clips in sort order, read by a keyset query (sort key, then clip id)
 * from the index of its scope, so a page costs the same on the first and the thousandth page and a continuation
 * token stays exact while clips are inserted. skipItems is an offset (the only form that needs one), and its pages
 * carry a token too, so a client may switch to tokens at any time.
 */
@ApplicationScoped
public class ClipListService {

    /** One page: the clips and the token of the next page (null on the last one). */
    public record ClipPage(List<ClipVersion> clips, String continuationToken) {
    }

    private final ClipReads reads;
    private final ContentIsolation isolation;
    private final ClipsConfig config;
    private final ContinuationTokens tokens;

    ClipListService(ClipReads reads, ContentIsolation isolation, ClipsConfig config,
            @ConfigProperty(name = "savepoint.service-auth.secret") String sharedSecret) {
        this.reads = reads;
        this.isolation = isolation;
        this.config = config;
        this.tokens = new ContinuationTokens(sharedSecret);
    }

    /**
     * {@code /users/{ownerId}[/scids/{scid} | /titles/{titleId}]/clips[/saved]}: scid and titleId may be null. Like every
     * list, one plain read without a transaction (see {@link ClipReads}); titles come from their cache.
     */
    public ClipPage ownerClips(Caller caller, String ownerId, String scid, String titleId, boolean savedOnly, ClipListParams params) {
        String ownerXuid = OwnerIds.xuid(caller, ownerId);
        String normalizedScid = scid == null ? null : readableScid(caller, scid);
        Long title = titleId == null ? null : isolation.readableTitle(caller, titleId).titleId;
        ClipListQuery query = ClipListQuery.parse(params, config.listDefaultItems(), config.listMaxItems(), false);
        return page(caller, new ClipListScope.Owner(ownerXuid, normalizedScid, title, savedOnly), query);
    }

    /** {@code /public/scids/{scid}/clips} (titleId null) or {@code /public/titles/{titleId}/clips[/saved]}. */
    public ClipPage publicClips(Caller caller, String scid, String titleId, boolean savedOnly, ClipListParams params) {
        Set<String> scids = scid != null ? Set.of(readableScid(caller, scid))
                : isolation.readableTitle(caller, titleId).scids;
        ClipListQuery query = ClipListQuery.parse(params, config.listDefaultItems(), config.listMaxItems(), true);
        return page(caller, new ClipListScope.Public(new TreeSet<>(scids), savedOnly), query);
    }

    /** The SCID, lower-cased as clips store it, once the caller may read it. */
    private String readableScid(Caller caller, String scid) {
        isolation.readableScid(caller, scid);
        return scid.toLowerCase(Locale.ROOT);
    }

    ClipPage page(Caller caller, ClipListScope scope, ClipListQuery query) {
        if (query.matchesNothing()) {
            return new ClipPage(List.of(), null);
        }
        String identity = identity(scope, query);
        Position after = query.continuationToken() == null ? null : tokens.decode(query.continuationToken(), identity);
        Qualifier qualifier = query.qualifier();
        String direction = query.descending() ? "DESC" : "ASC";
        StringBuilder sql = new StringBuilder("FROM game_clip c WHERE c.deleted_at IS NULL AND c.sandbox_id = :sandbox");
        switch (scope) {
            case ClipListScope.Owner owner -> {
                sql.append(" AND c.owner_xuid = :owner");
                if (owner.scid() != null) {
                    sql.append(" AND c.scid = :scid");
                }
                if (owner.titleId() != null) {
                    sql.append(" AND c.title_id = :titleId");
                }
                if (!owner.ownerXuid().equals(caller.xuid())) {
                    sql.append(" AND ").append(ClipVisibilitySql.VISIBLE_TO_OTHERS);
                }
            }
            case ClipListScope.Public pub -> sql.append(" AND c.scid IN (:scids) AND ").append(ClipVisibilitySql.PUBLISHED)
                    .append(" AND (c.owner_xuid = :caller OR ").append(ClipVisibilitySql.VISIBLE_TO_OTHERS).append(')');
        }
        if (scope.savedOnly()) {
            sql.append(" AND c.saved_by_user");
        }
        if (!query.types().isEmpty()) {
            sql.append(" AND (").append(query.types().stream().map(t -> "(',' || c.clip_types || ',') LIKE :type" + t.ordinal())
                    .collect(Collectors.joining(" OR "))).append(')');
        }
        if (query.greatestMomentId() != null) {
            sql.append(" AND c.greatest_moment_id = :greatestMomentId");
        }
        if (after != null) {
            sql.append(" AND (c.").append(qualifier.column).append(", c.game_clip_id) ")
                    .append(query.descending() ? "<" : ">").append(" (:afterKey, :afterId)");
        }
        sql.append(" ORDER BY c.").append(qualifier.column).append(' ').append(direction)
                .append(", c.game_clip_id ").append(direction)
                // A literal, not a parameter (at most a hundred variants): a generic plan, which this datasource uses,
                // would guess an unknown LIMIT as a tenth of the rows, and left to choose, PostgreSQL re-plans a
                // statement with LIMIT $n on every execution.
                .append(" LIMIT ").append(query.maxItems() + 1);
        if (query.skipItems() > 0) {
            sql.append(" OFFSET :skip");
        }

        Map<String, Object> parameters = new HashMap<>();
        parameters.put("sandbox", caller.sandboxId());
        switch (scope) {
            case ClipListScope.Owner owner -> {
                parameters.put("owner", owner.ownerXuid());
                if (owner.scid() != null) {
                    parameters.put("scid", owner.scid());
                }
                if (owner.titleId() != null) {
                    parameters.put("titleId", owner.titleId());
                }
            }
            case ClipListScope.Public pub -> {
                parameters.put("scids", pub.scids());
                parameters.put("caller", caller.xuid());
            }
        }
        if (sql.indexOf(":callerTitle") >= 0) {
            parameters.put("callerTitle", caller.titleId() == null ? -1L : caller.titleId());
        }
        for (GameClipType type : query.types()) {
            parameters.put("type" + type.ordinal(), "%," + type.name() + ",%");
        }
        if (query.greatestMomentId() != null) {
            parameters.put("greatestMomentId", query.greatestMomentId());
        }
        if (after != null) {
            parameters.put("afterKey", keyValue(qualifier, after.sortKey()));
            parameters.put("afterId", after.gameClipId());
        }
        if (query.skipItems() > 0) {
            parameters.put("skip", query.skipItems());
        }
        List<ClipVersion> rows = reads.versions(sql.toString(), parameters);
        if (rows.size() <= query.maxItems()) {
            return new ClipPage(rows, null);
        }
        List<ClipVersion> clips = rows.subList(0, query.maxItems());
        ClipVersion last = clips.get(clips.size() - 1);
        return new ClipPage(List.copyOf(clips), tokens.encode(new Position(sortKey(qualifier, last), last.gameClipId()), identity));
    }

    private static String identity(ClipListScope scope, ClipListQuery query) {
        return scope + "|" + query.identity();
    }

    private static long sortKey(Qualifier qualifier, ClipVersion clip) {
        return switch (qualifier) {
            case CREATED -> clip.createdAt().getEpochSecond() * 1_000_000L + clip.createdAt().getNano() / 1_000;
            case RATING -> Double.doubleToLongBits(clip.rating());
            case VIEWS -> clip.views();
        };
    }

    private static Object keyValue(Qualifier qualifier, long sortKey) {
        return switch (qualifier) {
            case CREATED -> Instant.ofEpochSecond(Math.floorDiv(sortKey, 1_000_000L), Math.floorMod(sortKey, 1_000_000L) * 1_000L);
            case RATING -> Double.longBitsToDouble(sortKey);
            case VIEWS -> sortKey;
        };
    }
}
