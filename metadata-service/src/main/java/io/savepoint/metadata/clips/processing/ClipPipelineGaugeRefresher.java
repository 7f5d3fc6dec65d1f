package io.savepoint.metadata.clips.processing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.protocol.RefreshedGauges;

/**
 * Prometheus gauge {@code savepoint_clips_in_pipeline{state}}: clips waiting for their blocks (PendingUpload), for a
 * processing worker (Uploaded) or being processed (Processing), counted every 30 s over the partial indexes of those
 * states (never the whole catalog). A growing Uploaded count means processing falls behind. Every replica reports the
 * same counts.
 */
@Startup
@ApplicationScoped
public class ClipPipelineGaugeRefresher {

    private static final List<GameClipState> PIPELINE = List.of(GameClipState.PendingUpload, GameClipState.Uploaded,
            GameClipState.Processing);

    private final Map<GameClipState, AtomicLong> counts = new EnumMap<>(GameClipState.class);

    ClipPipelineGaugeRefresher(RefreshedGauges gauges) {
        for (GameClipState state : PIPELINE) {
            counts.put(state, gauges.register("savepoint.clips.in.pipeline", "state", state.name(),
                    "Clips not yet published, by state: PendingUpload, Uploaded (awaiting processing), Processing"));
        }
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        for (GameClipState state : PIPELINE) {
            // The state as a literal, so the count uses that state's partial index (a bound value cannot, in a generic plan).
            Number count = (Number) GameClip.getEntityManager()
                    .createNativeQuery("SELECT count(*) FROM game_clip WHERE state = '" + state.name() + "'").getSingleResult();
            counts.get(state).set(count.longValue());
        }
    }
}
