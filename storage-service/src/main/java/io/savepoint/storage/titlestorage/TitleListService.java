package io.savepoint.storage.titlestorage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.savepoint.protocol.ApiException;
import io.savepoint.storage.StorageConfig;
import io.savepoint.storage.quota.QuotaUsage;
import io.savepoint.storage.titlestorage.rules.ClientFileTime;
import io.savepoint.storage.titlestorage.rules.ETags;

/**
 * Title Storage lists (spec B.2): the blobs under a path prefix in (path, type) order, paged by skipItems or by a
 * continuation token naming the last blob of the previous page.
 */
@ApplicationScoped
public class TitleListService {

    private final StorageConfig config;

    TitleListService(StorageConfig config) {
        this.config = config;
    }

    public TitleBlobList list(StorageTarget target, String prefix, Integer maxItems, Integer skipItems, String continuationToken) {
        int limit = maxItems == null || maxItems <= 0 ? config.listDefaultItems() : Math.min(maxItems, config.listMaxItems());
        if (skipItems != null && skipItems < 0) {
            throw ApiException.badRequest("skipItems must not be negative.");
        }
        QuotaUsage.Scope scope = target.scope();
        // An explicit escape character: without one the backslash escapes did not apply, and '_' in a prefix matched nothing.
        String like = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        Parameters params = Parameters.with("sandbox", scope.sandboxId()).and("scid", scope.scid()).and("family", scope.family())
                .and("owner", scope.owner()).and("prefix", like);
        String where = "sandboxId = :sandbox and scid = :scid and family = :family and owner = :owner and path like :prefix escape '!'";
        boolean hasToken = continuationToken != null && !continuationToken.isBlank();
        return QuarkusTransaction.requiringNew().call(() -> {
            long total = TitleBlobEntry.count(where, params);
            var query = hasToken
                    ? TitleBlobEntry
                            .<TitleBlobEntry>find(where + " and (path > :afterPath or (path = :afterPath and blobType > :afterType))"
                                    + " order by path, blobType", afterToken(params, continuationToken))
                    : TitleBlobEntry.<TitleBlobEntry>find(where + " order by path, blobType", params);
            int skip = hasToken || skipItems == null ? 0 : skipItems;
            List<TitleBlobEntry> rows = query.range(skip, skip + limit).list();
            boolean more = rows.size() > limit;
            List<TitleBlobEntry> page = more ? rows.subList(0, limit) : rows;
            List<TitleBlob> blobs = new ArrayList<>(page.size());
            for (TitleBlobEntry e : page) {
                blobs.add(
                        new TitleBlob(e.path + "," + e.blobType, e.clientFileTime == null ? null : ClientFileTime.format(e.clientFileTime),
                                e.displayName, ETags.quoted(e.etag), e.size, e.blobType));
            }
            return new TitleBlobList(blobs, new TitleBlobList.PagingInfo(more ? token(page.get(page.size() - 1)) : null, total));
        });
    }

    private static String token(TitleBlobEntry last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((last.path + "," + last.blobType).getBytes(StandardCharsets.UTF_8));
    }

    private static Parameters afterToken(Parameters base, String token) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("continuationToken '" + token + "' is not one this service issued.");
        }
        int comma = decoded.lastIndexOf(',');
        if (comma < 0) {
            throw ApiException.badRequest("continuationToken '" + token + "' is not one this service issued.");
        }
        Map<String, Object> map = new HashMap<>(base.map());
        map.put("afterPath", decoded.substring(0, comma));
        map.put("afterType", decoded.substring(comma + 1));
        Parameters params = new Parameters();
        map.forEach(params::and);
        return params;
    }
}
