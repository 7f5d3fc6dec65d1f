package io.savepoint.metadata.titles.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

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
 * <p>{@link #find} and {@link #findByScid} answer from an in-memory cache of detached, unmodifiable copies (never
 * managed entities, so nothing lazy-loads outside a session and nobody can change a cached title). Every registry
 * write on this replica empties it (again after its transaction completes, so a read racing the write cannot put the
 * old title back); writes on other replicas are seen after at most {@code savepoint.metadata.title-cache-ttl}.
 * {@link #load} reads the database, for the admin API.
 */
@ApplicationScoped
public class TitleService {

    static final String FALLBACK_LOCALE = "en-US";

    private record Cached<T>(T value, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final TransactionSynchronizationRegistry transactions;
    private final ConcurrentHashMap<Long, Cached<Title>> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Cached<Long>> scidToTitleId = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a load that started before it must not be cached. */
    private final AtomicLong generation = new AtomicLong();

    TitleService(@ConfigProperty(name = "savepoint.metadata.title-cache-ttl", defaultValue = "30s") Duration ttl,
            TransactionSynchronizationRegistry transactions) {
        this.ttlNanos = ttl.toNanos();
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Title> list() {
        return Title.<Title>listAll(io.quarkus.panache.common.Sort.by("titleId"));
    }

    /** The title, from the cache (at most the TTL old); a detached, unmodifiable copy. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Title> find(long titleId) {
        long now = System.nanoTime();
        Cached<Title> cached = byId.get(titleId);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return Optional.of(cached.value());
        }
        long gen = generation.get();
        Optional<Title> loaded = Title.<Title>findByIdOptional(titleId).map(TitleService::detachedCopy);
        loaded.ifPresent(title -> remember(title, gen, now));
        return loaded;
    }

    /** The title owning a SCID, from the cache (at most the TTL old); a detached, unmodifiable copy. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Title> findByScid(String scid) {
        String key = scid.toLowerCase(Locale.ROOT);
        long now = System.nanoTime();
        Cached<Long> cachedId = scidToTitleId.get(key);
        if (cachedId != null && now - cachedId.expiresAtNanos() < 0) {
            Cached<Title> cached = byId.get(cachedId.value());
            if (cached != null && now - cached.expiresAtNanos() < 0 && cached.value().scids.contains(key)) {
                return Optional.of(cached.value());
            }
        }
        long gen = generation.get();
        Optional<Title> loaded = Title.findByScid(key).map(TitleService::detachedCopy);
        loaded.ifPresent(title -> remember(title, gen, now));
        return loaded;
    }

    /** The title as the database has it now (bypasses the cache). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Title> load(long titleId) {
        return Title.findByIdOptional(titleId);
    }

    /** Empties the title cache of this replica. */
    public void invalidate() {
        generation.incrementAndGet();
        byId.clear();
        scidToTitleId.clear();
    }

    private void remember(Title title, long gen, long now) {
        if (ttlNanos <= 0 || generation.get() != gen) {
            return;
        }
        long expires = now + ttlNanos;
        byId.put(title.titleId, new Cached<>(title, expires));
        for (String scid : title.scids) {
            scidToTitleId.put(scid, new Cached<>(title.titleId, expires));
        }
        if (generation.get() != gen) {
            // an invalidation ran meanwhile and may have missed what was just put
            byId.remove(title.titleId);
            title.scids.forEach(scidToTitleId::remove);
        }
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
        title.sandboxIds = List.copyOf(new java.util.LinkedHashSet<>(document.sandboxIds()));
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
                            + java.util.Arrays.stream(StorageFamily.values()).map(StorageFamily::jsonName).toList() + ".");
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
