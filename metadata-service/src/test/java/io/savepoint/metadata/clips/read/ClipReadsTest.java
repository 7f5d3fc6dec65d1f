package io.savepoint.metadata.clips.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.metadata.clips.CatalogRows;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.testing.PostgresTestResource;

/** The plain JDBC reads hand out exactly what Hibernate would load, field by field, and bind named parameters right. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class ClipReadsTest {

    @Inject
    ClipReads reads;

    @Test
    void aRowReadsAsHibernateLoadsItWithEveryColumnSet() throws ReflectiveOperationException {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = CatalogRows.insert("2533274800000821", 1, clip -> {
            clip.greatestMomentId = "1193045";
            clip.userCaption = "caption";
            clip.sessionRef = "session";
            clip.titleData = "title data";
            clip.systemProperties = "system properties";
            clip.usersInSession = List.of("2533274800000822", "2533274800000823");
            clip.thumbnailOffsetMillis = 1500;
            clip.savedByUser = true;
            clip.idempotencyKey = "key";
            clip.uploadChecksum = "abc-1";
            clip.processingStartedAt = at.minusSeconds(5);
            clip.processingWorkerId = "worker";
            clip.processingLeaseExpiresAt = at.plusSeconds(5);
            clip.sha256Hex = "00ff";
            clip.errorReason = "none";
            clip.errorAt = at.minusSeconds(1);
            clip.storageCleanupPending = true;
            clip.largeThumbnailSize = 2000L;
            clip.largeThumbnailContentType = "image/png";
            clip.smallThumbnailSize = 300L;
            clip.smallThumbnailContentType = "image/jpeg";
            clip.rating = 4.5;
            clip.ratingCount = 2;
            clip.ratingSum = 9;
            clip.views = 7;
            clip.flaggedAt = at.minusSeconds(2);
            clip.deletedAt = at.minusSeconds(3);
        }).get(0);

        ClipRow loaded = ClipRow.of(ClipFixtures.load(id));
        List<ClipRow> read = reads.select("FROM game_clip c WHERE c.game_clip_id = :id", Map.of("id", id));

        assertThat(read).hasSize(1);
        assertThat(loaded.rowVersion()).isEqualTo(ClipRow.UNKNOWN_VERSION);
        assertThat(read.get(0).rowVersion()).isPositive();
        for (RecordComponent component : ClipRow.class.getRecordComponents()) {
            if (component.getName().equals("rowVersion")) {
                continue;
            }
            assertThat(component.getAccessor().invoke(loaded)).as(component.getName()).isNotNull();
            assertThat(component.getAccessor().invoke(read.get(0))).as(component.getName())
                    .isEqualTo(component.getAccessor().invoke(loaded));
        }
    }

    @Test
    void aListEntryCarriesTheRowVersionWhichEveryUpdateChanges() {
        List<String> ids = CatalogRows.insert("2533274800000824", 2);
        String from = "FROM game_clip c WHERE c.game_clip_id IN (:ids) ORDER BY c.game_clip_id";
        List<ClipVersion> before = reads.versions(from, Map.of("ids", ids));
        assertThat(before).extracting(ClipVersion::gameClipId).containsExactlyElementsOf(ids.stream().sorted().toList());
        assertThat(before.get(0).rowVersion())
                .isEqualTo(reads.byIds(List.of(before.get(0).gameClipId())).get(before.get(0).gameClipId()).rowVersion());

        QuarkusTransaction.requiringNew().run(() -> GameClip.update("views = views + 1 where gameClipId = ?1", before.get(0).gameClipId()));

        List<ClipVersion> after = reads.versions(from, Map.of("ids", ids));
        assertThat(after.get(0).rowVersion()).isNotEqualTo(before.get(0).rowVersion());
        assertThat(after.get(0).views()).isEqualTo(before.get(0).views() + 1);
        assertThat(after.get(1)).isEqualTo(before.get(1));
        assertThat(reads.byIds(List.of(ids.get(0), "00000000-0000-4000-8000-00000000dead"))).containsOnlyKeys(ids.get(0));
    }

    @Test
    void namedParametersBecomePlaceholdersAndCollectionsExpand() {
        List<Object> values = new ArrayList<>();
        String sql = ClipReads.positional("SELECT ':literal' WHERE a = :a AND b IN (:bs) AND c::text = :c AND d = :a",
                Map.of("a", 1L, "bs", new LinkedHashSet<>(List.of("x", "y")), "c", "z"), values);

        assertThat(sql).isEqualTo("SELECT ':literal' WHERE a = ? AND b IN (?, ?) AND c::text = ? AND d = ?");
        assertThat(values).containsExactly(1L, "x", "y", "z", 1L);
    }

    @Test
    void anUnboundParameterIsAnError() {
        assertThatThrownBy(() -> ClipReads.positional("WHERE a = :a", Map.of(), new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":a");
    }
}
