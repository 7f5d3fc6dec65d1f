package io.savepoint.metadata.clips.view;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.list.ClipListService;
import io.savepoint.metadata.clips.read.ClipLookup;
import io.savepoint.metadata.clips.read.ClipReads;
import io.savepoint.metadata.clips.read.ClipRow;
import io.savepoint.metadata.clips.read.ClipVersion;
import io.savepoint.metadata.clips.view.GameClipJson.GameClipUri;
import io.savepoint.metadata.clips.view.GameClipJson.Thumbnail;
import io.savepoint.metadata.titles.Title;
import io.savepoint.metadata.titles.service.TitleService;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.ClipAssetUris.Asset;
import io.savepoint.protocol.MonitoredCaches;

/**
 * Reading clips (spec A.7): one clip as its GameClip JSON, with freshly signed download URIs when it is Published.
 * A clip the caller may not see answers 404, exactly like a clip that does not exist (spec A.7 remarks).
 *
 * <p>Each clip's JSON is serialized once and reused while everything it is made of stays the same: the row's version
 * ({@link ClipRow#rowVersion()}), the title (the cached instance: a reloaded title makes new JSON), the
 * Accept-Language and the minute its URIs expire at. A list page then reads only the versions of its clips and
 * reads whole rows only for those it has no JSON of. Building and serializing 25 clips was more than a third of a
 * list page's CPU time, and the narrow read takes about a quarter off PostgreSQL's; clips are read far more often than
 * they change.
 */
@ApplicationScoped
public class ClipQueryService {

    /** .NET's DateTime.MinValue, which Xbox Live writes for dates that have not happened (never null). */
    static final String NO_DATE = "0001-01-01T00:00:00Z";

    /** Everything a clip's JSON is made of. */
    private record JsonInputs(String gameClipId, long rowVersion, Title title, Negotiated locales, long uriExpiry) {
    }

    /**
     * The locales the Accept-Language header picks for a clip's two localized texts (its clip name, its title's name;
     * null: none). The cache keys on these, not on the header: a client cannot grow the cache by varying the header.
     */
    private record Negotiated(String clipName, String titleName) {
        static Negotiated of(String greatestMomentId, Optional<Title> title, String acceptLanguage) {
            String defaultLocale = title.map(t -> t.defaultLocale).orElse(null);
            return new Negotiated(
                    LocalizedText.locale(clipNames(greatestMomentId, title).keySet(), acceptLanguage, defaultLocale),
                    LocalizedText.locale(title.map(t -> t.displayNames.keySet()).orElse(null), acceptLanguage, defaultLocale));
        }
    }

    /** Serialized JSON of about 1.4 KB per clip (up to 10 KB more with titleData), plus its key. */
    private static final long JSON_CACHE_BYTES = 32L * 1024 * 1024;
    private static final int KEY_BYTES = 200;

    private final TitleService titles;
    private final ClipDownloadUris downloadUris;
    private final ClipLookup lookup;
    private final ClipReads reads;
    private final ObjectWriter writer;
    private final Cache<JsonInputs, SerializedClip> serialized;

    ClipQueryService(TitleService titles, ClipDownloadUris downloadUris, ClipLookup lookup, ClipReads reads, ObjectMapper mapper,
            MeterRegistry registry) {
        // Entries of a past URI minute are never asked for again: they leave after two minutes, or earlier by size.
        this.serialized = MonitoredCaches.build(registry, "clip-json", Caffeine.newBuilder()
                .maximumWeight(JSON_CACHE_BYTES)
                .<JsonInputs, SerializedClip>weigher((inputs, json) -> KEY_BYTES + json.utf8().length)
                .expireAfterWrite(Duration.ofMinutes(2)));
        this.titles = titles;
        this.downloadUris = downloadUris;
        this.lookup = lookup;
        this.reads = reads;
        this.writer = mapper.writerFor(GameClipJson.class);
    }

    /** GET one clip: one plain read, no transaction (see {@link ClipReads}); the title comes from its cache. */
    public SerializedClip find(Caller caller, String ownerId, String scid, String gameClipId, String acceptLanguage) {
        ClipRow clip = lookup.read(caller, ownerId, scid, gameClipId);
        return serialized(clip, titles.find(clip.titleId()), acceptLanguage, downloadUris.currentExpiry());
    }

    /** The JSON of a clip a write path loaded (and changed) through Hibernate. */
    @Transactional
    public SerializedClip json(GameClip clip, String acceptLanguage) {
        return serialized(ClipRow.of(clip), titles.find(clip.titleId), acceptLanguage, downloadUris.currentExpiry());
    }

    /**
     * A list page as QueryClipsResponse (spec C.6); each title is looked up once per page. A clip changed between the
     * page's query and the read of its row shows as it is now (like a page read a moment later); one deleted for good
     * meanwhile is left out.
     */
    public QueryClipsResponse page(ClipListService.ClipPage page, String acceptLanguage) {
        Map<Long, Optional<Title>> pageTitles = new HashMap<>();
        long uriExpiry = downloadUris.currentExpiry();
        List<ClipVersion> versions = page.clips();
        SerializedClip[] clips = new SerializedClip[versions.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < clips.length; i++) {
            ClipVersion clip = versions.get(i);
            Optional<Title> title = pageTitles.computeIfAbsent(clip.titleId(), titles::find);
            clips[i] = serialized.getIfPresent(new JsonInputs(clip.gameClipId(), clip.rowVersion(), title.orElse(null),
                    Negotiated.of(clip.greatestMomentId(), title, acceptLanguage), uriExpiry));
            if (clips[i] == null) {
                missing.add(clip.gameClipId());
            }
        }
        if (!missing.isEmpty()) {
            Map<String, ClipRow> rows = reads.byIds(missing);
            for (int i = 0; i < clips.length; i++) {
                ClipRow row = clips[i] == null ? rows.get(versions.get(i).gameClipId()) : null;
                if (row != null) {
                    clips[i] = serialized(row, pageTitles.computeIfAbsent(row.titleId(), titles::find), acceptLanguage, uriExpiry);
                }
            }
        }
        List<SerializedClip> json = new ArrayList<>(clips.length);
        for (SerializedClip clip : clips) {
            if (clip != null) {
                json.add(clip);
            }
        }
        return new QueryClipsResponse(json, new QueryClipsResponse.PagingInfo(page.continuationToken()));
    }

    private SerializedClip serialized(ClipRow clip, Optional<Title> title, String acceptLanguage, long uriExpiry) {
        Negotiated locales = Negotiated.of(clip.greatestMomentId(), title, acceptLanguage);
        if (clip.rowVersion() == ClipRow.UNKNOWN_VERSION) {
            return serialize(clip, title, locales, uriExpiry);
        }
        return serialized.get(new JsonInputs(clip.gameClipId(), clip.rowVersion(), title.orElse(null), locales, uriExpiry),
                inputs -> serialize(clip, title, locales, uriExpiry));
    }

    private static Map<String, String> clipNames(String greatestMomentId, Optional<Title> title) {
        Map<String, String> names = greatestMomentId == null ? null : title.map(t -> t.clipNames.get(greatestMomentId)).orElse(null);
        return names == null ? Map.of() : names;
    }

    private SerializedClip serialize(ClipRow clip, Optional<Title> title, Negotiated locales, long uriExpiry) {
        try {
            return new SerializedClip(writer.writeValueAsBytes(json(clip, title, locales, uriExpiry)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GameClipJson json(ClipRow clip, Optional<Title> title, Negotiated locales, long uriExpiry) {
        boolean published = clip.state() == GameClipState.Published;
        String clipName = locales.clipName() == null ? null : clipNames(clip.greatestMomentId(), title).get(locales.clipName());
        String titleName = locales.titleName() == null ? null : title.map(t -> t.displayNames.get(locales.titleName())).orElse(null);
        String defaultLocale = title.map(t -> t.defaultLocale).orElse(null);
        return new GameClipJson(
                clip.gameClipId(),
                clip.state().name(),
                date(clip.publishedAt()),
                date(clip.dateRecorded()),
                date(clip.lastModifiedAt()),
                text(clip.userCaption()),
                clip.types().replace(",", ", "),
                clip.durationInSeconds(),
                clip.scid(),
                clip.titleId(),
                clip.rating(),
                clip.ratingCount(),
                clip.views(),
                text(clip.titleData()),
                text(clip.systemProperties()),
                clip.savedByUser(),
                "",
                text(clip.greatestMomentId()),
                published ? thumbnails(clip, uriExpiry) : List.of(),
                published ? List.of(videoUri(clip, uriExpiry)) : List.of(),
                clip.ownerXuid(),
                text(clipName),
                text(titleName),
                defaultLocale == null ? "en-US" : defaultLocale,
                "None",
                clip.deviceType(),
                0,
                0,
                0,
                0,
                clip.source().name(),
                clip.visibility().name());
    }

    private GameClipUri videoUri(ClipRow clip, long uriExpiry) {
        ClipDownloadUris.SignedUri signed = downloadUris.sign(clip.gameClipId(), Asset.VIDEO, uriExpiry);
        long size = clip.uploadedSize() == null ? clip.fileSize() : clip.uploadedSize();
        return new GameClipUri(signed.uri(), size, "Download", signed.expiration());
    }

    private List<Thumbnail> thumbnails(ClipRow clip, long uriExpiry) {
        List<Thumbnail> thumbnails = new ArrayList<>(2);
        addThumbnail(thumbnails, clip, Asset.LARGE_THUMBNAIL, clip.largeThumbnailSize(), "Large", uriExpiry);
        addThumbnail(thumbnails, clip, Asset.SMALL_THUMBNAIL, clip.smallThumbnailSize(), "Small", uriExpiry);
        return thumbnails;
    }

    private void addThumbnail(List<Thumbnail> thumbnails, ClipRow clip, Asset asset, Long size, String type, long uriExpiry) {
        if (size != null && size > 0) {
            thumbnails.add(new Thumbnail(downloadUris.sign(clip.gameClipId(), asset, uriExpiry).uri(), size, type));
        }
    }

    private static String date(Instant instant) {
        return instant == null ? NO_DATE : instant.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
