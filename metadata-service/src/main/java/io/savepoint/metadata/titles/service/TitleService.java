package io.savepoint.metadata.titles.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.panache.common.Sort;
import io.savepoint.metadata.titles.ReadAccess;
import io.savepoint.metadata.titles.StorageFamily;
import io.savepoint.metadata.titles.StoragePolicy;
import io.savepoint.metadata.titles.Title;
import io.savepoint.metadata.titles.TitleDocument;
import io.savepoint.metadata.titles.TitleDocument.StoragePolicyDocument;
import io.savepoint.protocol.ApiException;

/**
 * The title registry: who owns which SCID, in which sandboxes, with which names and policies.
 *
 * <p>{@link #find} and {@link #findByScid} answer from two quarkus-cache caches ({@code titles},
 * {@code titles-by-scid}; size and lifetime in application.properties) of detached, unmodifiable copies (never
 * managed entities, so nothing lazy-loads outside a session and nobody can change a cached title). Only titles that
 * exist are cached, so a title registered on another replica is seen at once. Every registry write on this replica
 * empties both (again after its transaction completes: a load still running then is dropped from the cache, so a read
 * racing the write cannot put the old title back); writes on other replicas are seen after at most
 * {@code SAVEPOINT_TITLE_CACHE_TTL}. {@link #load} reads the database, for the admin API.
 */
@ApplicationScoped
public class TitleService {

    static final String FALLBACK_LOCALE = "en-US";

    private final Cache byId;
    private final Cache byScid;
    private final TransactionSynchronizationRegistry transactions;

    TitleService(@CacheName("titles") Cache byId, @CacheName("titles-by-scid") Cache byScid,
            TransactionSynchronizationRegistry transactions) {
        this.byId = byId;
        this.byScid = byScid;
        this.transactions = transactions;
    }

    /** A title that does not exist: thrown by a cache load so that nothing is cached. */
    private static final class NotRegistered extends RuntimeException {
        NotRegistered() {
            super(null, null, false, false);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Title> list() {
        return Title.<Title>listAll(Sort.by("titleId"));
    }

    /** The title, from the cache (at most the TTL old); a detached, unmodifiable copy. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Title> find(long titleId) {
        return cached(byId, titleId, id -> Title.<Title>findByIdOptional(id));
    }

    /** The title owning a SCID, from the cache (at most the TTL old); a detached, unmodifiable copy. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Title> findByScid(String scid) {
        return cached(byScid, scid.toLowerCase(Locale.ROOT), Title::findByScid);
    }

    private static <K> Optional<Title> cached(Cache cache, K key, Function<K, Optional<Title>> load) {
        try {
            return Optional.of(cache.<K, Title>get(key, k -> load.apply(k).map(TitleService::detachedCopy)
                    .orElseThrow(NotRegistered::new)).await().indefinitely());
        } catch (NotRegistered e) {
            return Optional.empty();
        }
    }

    /** The title as the database has it now (bypasses the cache). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Title> load(long titleId) {
        return Title.findByIdOptional(titleId);
    }

    /** Empties the title caches of this replica. */
    public void invalidate() {
        byId.invalidateAll().await().indefinitely();
        byScid.invalidateAll().await().indefinitely();
    }

    /** Invalidates now and once more when the current write transaction has completed (committed or not). */
    private void invalidateAroundWrite() {
        invalidate();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                invalidate();
            }
        });
    }

    /** A copy no session knows of, with unmodifiable (order-keeping) collections. */
    static Title detachedCopy(Title source) {
        Title copy = new Title();
        copy.titleId = source.titleId;
        copy.scids = Set.copyOf(source.scids);
        copy.sandboxIds = List.copyOf(source.sandboxIds);
        copy.defaultLocale = source.defaultLocale;
        copy.displayNames = unmodifiable(source.displayNames);
        Map<String, Map<String, String>> clipNames = new LinkedHashMap<>();
        source.clipNames.forEach((id, names) -> clipNames.put(id, unmodifiable(names)));
        copy.clipNames = Collections.unmodifiableMap(clipNames);
        copy.storagePolicies = unmodifiable(source.storagePolicies);
        copy.clipQuotaBytes = source.clipQuotaBytes;
        copy.version = source.version;
        copy.createdAt = source.createdAt;
        copy.updatedAt = source.updatedAt;
        return copy;
    }

    private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Creates or replaces a title. Answers whether it was created. */
    @Transactional
    public boolean put(TitleDocument document) {
        invalidateAroundWrite();
        Set<String> scids = new HashSet<>();
        document.scids().forEach(s -> scids.add(s.toLowerCase(Locale.ROOT)));
        for (String scid : scids) {
            Title.findByScid(scid).filter(owner -> !owner.titleId.equals(document.titleId())).ifPresent(owner -> {
                throw ApiException.conflict("SCID " + scid + " already belongs to title " + owner.titleId + ".");
            });
        }
        String defaultLocale = document.defaultLocale() == null ? FALLBACK_LOCALE : document.defaultLocale();
        if (!document.displayNames().containsKey(defaultLocale)) {
            throw ApiException.badRequest("displayNames must include the default locale '" + defaultLocale + "'.");
        }
        Title title = Title.<Title>findByIdOptional(document.titleId()).orElse(null);
        boolean created = title == null;
        Instant now = Instant.now();
        if (created) {
            title = new Title();
            title.titleId = document.titleId();
            title.createdAt = now;
        }
        title.scids = scids;
        title.sandboxIds = List.copyOf(new LinkedHashSet<>(document.sandboxIds()));
        title.defaultLocale = defaultLocale;
        title.displayNames = Map.copyOf(document.displayNames());
        title.clipNames = document.clipNames() == null ? Map.of() : Map.copyOf(document.clipNames());
        title.storagePolicies = policies(document.storagePolicies());
        title.clipQuotaBytes = document.clipQuotaBytes() == null ? TitleDocument.DEFAULT_CLIP_QUOTA_BYTES : document.clipQuotaBytes();
        title.updatedAt = now;
        if (created) {
            title.persist();
        }
        return created;
    }

    @Transactional
    public boolean delete(long titleId) {
        invalidateAroundWrite();
        return Title.deleteById(titleId);
    }

    public static TitleDocument toDocument(Title title) {
        Map<String, StoragePolicyDocument> policies = new LinkedHashMap<>();
        title.storagePolicies
                .forEach((family, p) -> policies.put(family, new StoragePolicyDocument(p.enabled(), p.readAccess(), p.quotaBytes())));
        return new TitleDocument(title.titleId, title.scids.stream().sorted().toList(), title.sandboxIds, title.defaultLocale,
                title.displayNames, title.clipNames, policies, title.clipQuotaBytes);
    }

    private static Map<String, StoragePolicy> policies(Map<String, StoragePolicyDocument> requested) {
        Map<String, StoragePolicy> result = new LinkedHashMap<>();
        for (StorageFamily family : StorageFamily.values()) {
            result.put(family.jsonName(), family.defaultPolicy());
        }
        if (requested != null) {
            requested.forEach((name, doc) -> {
                StorageFamily family;
                try {
                    family = StorageFamily.fromJson(name);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("Unknown storage family '" + name + "' in storagePolicies; use one of "
                            + Arrays.stream(StorageFamily.values()).map(StorageFamily::jsonName).toList() + ".");
                }
                StoragePolicy defaults = family.defaultPolicy();
                result.put(family.jsonName(), new StoragePolicy(
                        doc.enabled() == null ? defaults.enabled() : doc.enabled(),
                        doc.readAccess() == null ? defaults.readAccess() : doc.readAccess(),
                        doc.quotaBytes() == null ? defaults.quotaBytes() : doc.quotaBytes()));
            });
        }
        if (result.get(StorageFamily.GLOBAL.jsonName()).readAccess() != ReadAccess.EVERYONE) {
            throw ApiException.badRequest("Global storage is readable by everyone (spec B.10); its readAccess must be Everyone.");
        }
        return result;
    }
}
