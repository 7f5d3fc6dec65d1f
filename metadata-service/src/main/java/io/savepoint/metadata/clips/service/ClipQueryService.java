package io.savepoint.metadata.clips.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.view.GameClipJson;
import io.savepoint.metadata.clips.view.GameClipJson.GameClipUri;
import io.savepoint.metadata.clips.view.GameClipJson.Thumbnail;
import io.savepoint.metadata.clips.view.QueryClipsResponse;
import io.savepoint.metadata.titles.Title;
import io.savepoint.metadata.titles.service.TitleService;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.ClipAssetUris.Asset;

/**
 * Reading clips (spec A.7): one clip as its GameClip JSON, with freshly signed download URIs when it is Published.
 * A clip the caller may not see answers 404, exactly like a clip that does not exist (spec A.7 remarks).
 */
@ApplicationScoped
public class ClipQueryService {

    /** .NET's DateTime.MinValue, which Xbox Live writes for dates that have not happened (never null). */
    static final String NO_DATE = "0001-01-01T00:00:00Z";

    private final TitleService titles;
    private final ClipDownloadUris downloadUris;
    private final ClipLookup lookup;

    ClipQueryService(TitleService titles, ClipDownloadUris downloadUris, ClipLookup lookup) {
        this.titles = titles;
        this.downloadUris = downloadUris;
        this.lookup = lookup;
    }

    /** GET one clip: one plain read, no transaction (see {@link ClipReads}); the title comes from its cache. */
    public GameClipJson find(Caller caller, String ownerId, String scid, String gameClipId, String acceptLanguage) {
        ClipRow clip = lookup.read(caller, ownerId, scid, gameClipId);
        return json(clip, titles.find(clip.titleId()), acceptLanguage);
    }

    /** The JSON of a clip a write path loaded (and changed) through Hibernate. */
    @Transactional
    public GameClipJson json(GameClip clip, String acceptLanguage) {
        return json(ClipRow.of(clip), titles.find(clip.titleId), acceptLanguage);
    }

    /** A list page as QueryClipsResponse (spec C.6); each title is looked up once per page. */
    public QueryClipsResponse page(ClipListService.ClipPage page, String acceptLanguage) {
        Map<Long, Optional<Title>> pageTitles = new HashMap<>();
        List<GameClipJson> clips = page.clips().stream()
                .map(clip -> json(clip, pageTitles.computeIfAbsent(clip.titleId(), titles::find), acceptLanguage)).toList();
        return new QueryClipsResponse(clips, new QueryClipsResponse.PagingInfo(page.continuationToken()));
    }

    private GameClipJson json(ClipRow clip, Optional<Title> title, String acceptLanguage) {
        boolean published = clip.state() == GameClipState.Published;
        Map<String, String> clipNames = clip.greatestMomentId() == null ? null
                : title.map(t -> t.clipNames.get(clip.greatestMomentId())).orElse(null);
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
                published ? thumbnails(clip) : List.of(),
                published ? List.of(videoUri(clip)) : List.of(),
                clip.ownerXuid(),
                text(LocalizedText.pick(clipNames, acceptLanguage, defaultLocale)),
                text(title.map(t -> LocalizedText.pick(t.displayNames, acceptLanguage, defaultLocale)).orElse(null)),
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

    private GameClipUri videoUri(ClipRow clip) {
        ClipDownloadUris.SignedUri signed = downloadUris.sign(clip.gameClipId(), Asset.VIDEO);
        long size = clip.uploadedSize() == null ? clip.fileSize() : clip.uploadedSize();
        return new GameClipUri(signed.uri(), size, "Download", signed.expiration());
    }

    private List<Thumbnail> thumbnails(ClipRow clip) {
        List<Thumbnail> thumbnails = new ArrayList<>(2);
        addThumbnail(thumbnails, clip, Asset.LARGE_THUMBNAIL, clip.largeThumbnailSize(), "Large");
        addThumbnail(thumbnails, clip, Asset.SMALL_THUMBNAIL, clip.smallThumbnailSize(), "Small");
        return thumbnails;
    }

    private void addThumbnail(List<Thumbnail> thumbnails, ClipRow clip, Asset asset, Long size, String type) {
        if (size != null && size > 0) {
            thumbnails.add(new Thumbnail(downloadUris.sign(clip.gameClipId(), asset).uri(), size, type));
        }
    }

    private static String date(Instant instant) {
        return instant == null ? NO_DATE : instant.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
