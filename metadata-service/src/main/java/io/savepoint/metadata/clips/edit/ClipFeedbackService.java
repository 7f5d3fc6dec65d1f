package io.savepoint.metadata.clips.edit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.read.ClipLookup;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.Caller;

/**
 * What any viewer of a clip may do to it (spec A.10–A.12): rate it (one rating per rater, replaced on re-rating),
 * count a view, and flag it for review. Each works on clips the caller may see, and 404s on others.
 */
@ApplicationScoped
public class ClipFeedbackService {

    /** The clip's rating after a new one: the mean and how many raters it averages. */
    public record RatingSummary(double rating, long ratingCount) {
    }

    private final ClipLookup lookup;
    private final EntityManager em;

    ClipFeedbackService(ClipLookup lookup, EntityManager em) {
        this.lookup = lookup;
        this.em = em;
    }

    /**
     * Records the caller's rating (1–5). The clip row is locked while the rating and the clip's sum and count change
     * together, so concurrent raters never lose an update and the mean always matches game_clip_rating.
     */
    public RatingSummary rate(Caller caller, String ownerId, String scid, String gameClipId, String ratingValue) {
        int rating = ratingValue(ratingValue);
        return QuarkusTransaction.requiringNew().call(() -> {
            GameClip clip = lookup.visible(caller, ownerId, scid, gameClipId, true);
            Number previous = (Number) em.createNativeQuery(
                    "SELECT rating FROM game_clip_rating WHERE game_clip_id = :id AND rater_xuid = :rater")
                    .setParameter("id", clip.gameClipId).setParameter("rater", caller.xuid())
                    .getResultStream().findFirst().orElse(null);
            em.createNativeQuery("""
                    INSERT INTO game_clip_rating (game_clip_id, rater_xuid, rating, rated_at) VALUES (:id, :rater, :rating, :now)
                    ON CONFLICT (game_clip_id, rater_xuid) DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at""")
                    .setParameter("id", clip.gameClipId).setParameter("rater", caller.xuid())
                    .setParameter("rating", rating).setParameter("now", Instant.now()).executeUpdate();
            if (previous == null) {
                clip.ratingCount++;
                clip.ratingSum += rating;
            } else {
                clip.ratingSum += rating - previous.intValue();
            }
            clip.rating = (double) clip.ratingSum / clip.ratingCount;
            return new RatingSummary(clip.rating, clip.ratingCount);
        });
    }

    /** Counts one view with a single atomic increment: no lock, no lost count however many arrive at once. */
    public void view(Caller caller, String ownerId, String scid, String gameClipId) {
        QuarkusTransaction.requiringNew().run(() -> {
            GameClip clip = lookup.visible(caller, ownerId, scid, gameClipId, false);
            em.createNativeQuery("UPDATE game_clip SET views = views + 1 WHERE game_clip_id = :id")
                    .setParameter("id", clip.gameClipId).executeUpdate();
        });
    }

    /**
     * Reports the clip for review (one open report per reporter). A flagged clip leaves public lists and answers 404
     * to everyone but its owner until an operator resolves it (ClipFlagReview).
     */
    public void flag(Caller caller, String ownerId, String scid, String gameClipId) {
        QuarkusTransaction.requiringNew().run(() -> {
            GameClip clip = lookup.visible(caller, ownerId, scid, gameClipId, true);
            Instant now = Instant.now();
            em.createNativeQuery("""
                    INSERT INTO game_clip_flag (game_clip_id, reporter_xuid, flagged_at) VALUES (:id, :reporter, :now)
                    ON CONFLICT (game_clip_id, reporter_xuid) WHERE resolved_at IS NULL DO NOTHING""")
                    .setParameter("id", clip.gameClipId).setParameter("reporter", caller.xuid()).setParameter("now", now)
                    .executeUpdate();
            if (clip.flaggedAt == null) {
                clip.flaggedAt = now;
            }
        });
    }

    private static int ratingValue(String value) {
        try {
            int rating = Integer.parseInt(value);
            if (rating >= 1 && rating <= 5) {
                return rating;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("ratingValue must be an integer from 1 to 5, got '" + value + "'.");
    }
}
