package io.savepoint.metadata.titles.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.savepoint.metadata.titles.ReadAccess;
import io.savepoint.metadata.titles.StorageFamily;
import io.savepoint.metadata.titles.StoragePolicy;
import io.savepoint.metadata.titles.Title;
import io.savepoint.metadata.titles.TitleDocument;
import io.savepoint.metadata.titles.TitleDocument.StoragePolicyDocument;
import io.savepoint.protocol.ApiException;

/** The title registry: who owns which SCID, in which sandboxes, with which names and policies. */
@ApplicationScoped
public class TitleService {

    static final String FALLBACK_LOCALE = "en-US";

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Title> list() {
        return Title.<Title>listAll(io.quarkus.panache.common.Sort.by("titleId"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Title> find(long titleId) {
        return Title.findByIdOptional(titleId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Title> findByScid(String scid) {
        return Title.findByScid(scid.toLowerCase(Locale.ROOT));
    }

    /** Creates or replaces a title. Answers whether it was created. */
    @Transactional
    public boolean put(TitleDocument document) {
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
        return Title.deleteById(titleId);
    }

    public static TitleDocument toDocument(Title title) {
        Map<String, StoragePolicyDocument> policies = new LinkedHashMap<>();
        title.storagePolicies.forEach((family, p) -> policies.put(family, new StoragePolicyDocument(p.enabled(), p.readAccess(), p.quotaBytes())));
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
