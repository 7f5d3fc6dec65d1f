package io.savepoint.metadata.clips.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.metadata.clips.CatalogRows;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.list.ClipListService.ClipPage;
import io.savepoint.metadata.clips.read.ClipVersion;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/**
 * Paging of clip lists against real PostgreSQL: 250 clips walked 7 at a time while new clips keep arriving, by
 * continuation token and by skipItems; every original clip is seen exactly once and in sort order.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class ClipListPagingTest {

    private static final int ORIGINALS = 250;
    private static final int PAGE = 7;

    @Inject
    ClipListService lists;

    static Caller caller(String xuid) {
        return new Caller(xuid, "XboxOne", "device", TestTitles.TITLE_ID, TestTitles.SANDBOX, Set.of());
    }

    static ClipListParams params(Consumer<ClipListParams> change) {
        ClipListParams params = new ClipListParams();
        change.accept(params);
        return params;
    }

    /** Walks the owner's list page by page; {@code between} runs after each page (concurrent inserts). */
    List<String> walk(String owner, Consumer<ClipListParams> base, boolean byToken, Runnable between) {
        List<String> seen = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 1000; page++) {
            int skip = seen.size();
            String current = token;
            ClipPage result = lists.ownerClips(caller(owner), "me", null, null, false, params(p -> {
                base.accept(p);
                p.maxItems = Integer.toString(PAGE);
                if (byToken) {
                    p.continuationToken = current;
                } else {
                    p.skipItems = Integer.toString(skip);
                }
            }));
            result.clips().forEach(clip -> seen.add(clip.gameClipId()));
            between.run();
            if (result.continuationToken() == null) {
                return seen;
            }
            assertThat(result.clips()).hasSize(PAGE);
            token = result.continuationToken();
        }
        throw new AssertionError("the walk did not end");
    }

    @Test
    void aTokenWalkSeesEveryOriginalClipOnceWhileNewestFirstInsertsArrive() {
        String owner = "2533274800000841";
        List<String> originals = CatalogRows.insert(owner, ORIGINALS);
        List<String> inserted = new ArrayList<>();
        List<String> seen = walk(owner, p -> {}, true, () -> inserted.addAll(CatalogRows.insert(owner, 3)));

        assertThat(seen).doesNotHaveDuplicates().containsAll(originals).doesNotContainAnyElementsOf(inserted);
        assertThat(seen).hasSize(ORIGINALS);
        List<GameClip> clips = seen.stream().map(id -> (GameClip) GameClip.findById(id)).toList();
        assertThat(clips).isSortedAccordingTo(Comparator.<GameClip, Instant>comparing(c -> c.createdAt)
                .thenComparing(c -> c.gameClipId).reversed());
    }

    @Test
    void aSkipItemsWalkOldestFirstSeesEveryOriginalClipOnceWhileInsertsArrive() {
        String owner = "2533274800000842";
        List<String> originals = CatalogRows.insert(owner, ORIGINALS);
        List<String> inserted = new ArrayList<>();
        List<String> seen = walk(owner, p -> p.order = "A", false, () -> {
            if (inserted.size() < 60) {
                inserted.addAll(CatalogRows.insert(owner, 3));
            }
        });

        assertThat(seen).doesNotHaveDuplicates().startsWith(originals.toArray(String[]::new));
        assertThat(seen).containsAll(inserted);
    }

    @Test
    void aTokenWinsOverSkipItems() {
        String owner = "2533274800000843";
        CatalogRows.insert(owner, 20);
        ClipPage first = lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.maxItems = "7"));
        ClipPage second = lists.ownerClips(caller(owner), "me", null, null, false, params(p -> {
            p.maxItems = "7";
            p.skipItems = "15";
            p.continuationToken = first.continuationToken();
        }));
        ClipPage bySkip = lists.ownerClips(caller(owner), "me", null, null, false, params(p -> {
            p.maxItems = "7";
            p.skipItems = "7";
        }));
        assertThat(ids(second)).isEqualTo(ids(bySkip));
        assertThat(bySkip.continuationToken()).isEqualTo(second.continuationToken());
    }

    @Test
    void ratingAndViewsOrdersPageByTokenWithTies() {
        String owner = "2533274800000844";
        List<String> originals = CatalogRows.insert(owner, 40, clip -> {
            clip.views = (long) (Math.random() * 5);
            clip.rating = Math.floor(Math.random() * 3);
        });
        for (String qualifier : List.of("views", "rating", "qualifer:views")) {
            List<String> seen = walk(owner, p -> {
                if (qualifier.startsWith("qualifer:")) {
                    p.qualifierMisspelt = qualifier.substring("qualifer:".length());
                } else {
                    p.qualifier = qualifier;
                }
            }, true, () -> {});
            assertThat(seen).as(qualifier).hasSize(originals.size()).doesNotHaveDuplicates().containsAll(originals);
            List<GameClip> clips = seen.stream().map(id -> (GameClip) GameClip.findById(id)).toList();
            if (qualifier.endsWith("views")) {
                assertThat(clips.stream().map(c -> c.views).toList()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            } else {
                assertThat(clips.stream().map(c -> c.rating).toList()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            }
        }
    }

    @Test
    void refusesForgedAndForeignTokensAndBadPaging() {
        String owner = "2533274800000845";
        CatalogRows.insert(owner, 10);
        String token = lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.maxItems = "3")).continuationToken();
        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.continuationToken = forged)),
                "continuationToken");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.continuationToken = "not-a-token!")),
                "continuationToken");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> {
            p.continuationToken = token;
            p.order = "A";
        })), "continuationToken");
        assertBadRequest(() -> lists.ownerClips(caller("2533274800000846"), "me", null, null, false,
                params(p -> p.continuationToken = token)), "continuationToken");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.maxItems = "0")), "maxItems");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.maxItems = "101")), "maxItems");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.maxItems = "lots")), "maxItems");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.skipItems = "-1")), "skipItems");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.qualifier = "likes")), "qualifier");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.order = "X")), "order");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "me", null, null, false, params(p -> p.type = "Funny")), "Funny");
        assertBadRequest(() -> lists.ownerClips(caller(owner), "xuid(abc)", null, null, false, params(p -> {})), "ownerId");
        assertBadRequest(() -> lists.publicClips(caller(owner), TestTitles.SCID, null, false, params(p -> p.order = "A")), "ascending");
    }

    private static void assertBadRequest(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    private static List<String> ids(ClipPage page) {
        return page.clips().stream().map(ClipVersion::gameClipId).toList();
    }
}
