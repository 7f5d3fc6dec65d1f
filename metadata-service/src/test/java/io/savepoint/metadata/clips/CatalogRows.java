package io.savepoint.metadata.clips;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.testing.TestTitles;

/**
 * Test-only fixture loader: Published catalog rows written straight to the database, for list tests that need many
 * clips but no bytes (clips that need bytes or quota are created through the upload API, see {@link ClipFixtures}).
 */
public final class CatalogRows {

    private CatalogRows() {
    }

    /** {@code count} published, public clips of {@code owner} in the test title, changed by {@code change}; their ids. */
    public static List<String> insert(String owner, int count, Consumer<GameClip> change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                GameClip clip = published(owner);
                change.accept(clip);
                clip.persist();
                ids.add(clip.gameClipId);
            }
            return ids;
        });
    }

    public static List<String> insert(String owner, int count) {
        return insert(owner, count, clip -> {});
    }

    static GameClip published(String owner) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = UUID.randomUUID().toString();
        GameClip clip = new GameClip();
        clip.gameClipId = id;
        clip.ownerXuid = owner;
        clip.titleId = TestTitles.TITLE_ID;
        clip.scid = TestTitles.SCID;
        clip.sandboxId = TestTitles.SANDBOX;
        clip.deviceType = "XboxOne";
        clip.deviceId = "fixture-device";
        clip.state = GameClipState.Published;
        clip.dateRecorded = now.minusSeconds(60);
        clip.durationInSeconds = 30;
        clip.expectedBlocks = 1;
        clip.fileSize = 1000;
        clip.uploadedSize = 1000L;
        clip.types = GameClipType.UserGenerated.name();
        clip.source = GameClipSource.Console;
        clip.visibility = GameClipVisibility.Public;
        clip.usersInSession = List.of();
        clip.thumbnailSource = ThumbnailSource.Default;
        clip.quotaReservationId = id;
        clip.requestFingerprint = "fixture";
        clip.createdAt = now;
        clip.lastModifiedAt = now;
        clip.uploadExpiresAt = now.plusSeconds(3600);
        clip.uploadedAt = now;
        clip.publishedAt = now;
        return clip;
    }
}
