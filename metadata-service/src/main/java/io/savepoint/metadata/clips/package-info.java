/**
 * The clip catalog's model: the {@link GameClip} entity (table {@code game_clip}) with its enums, {@link ClipsConfig},
 * and {@link ClipAssets} (where a clip's bytes live in storage-service). Each feature has its own subpackage
 * ({@code upload}, {@code list}, {@code read}, {@code view}, {@code edit}, {@code moderation}, {@code processing},
 * {@code lifecycle}); {@code rest} and {@code grpc} are the HTTP and gRPC edges over all of them, and {@code catalog}
 * holds what the gRPC contract's halves share. The clients of storage-service are in {@code metadata.peers}.
 *
 * <p>Adding a clip field touches: a Flyway migration ({@code src/main/resources/db/migration/V<n>__….sql});
 * {@link GameClip}; for uploads to set it, {@code upload/InitialUploadRequest}, {@code InitialUploadValidator},
 * {@code ValidUploadRequest} and {@code ClipUploadService.newClip}; for clients to read it, {@code read/ClipRow} (and
 * {@code ClipRow.of}), its column position in {@code read/ClipReads} (checked by {@code ClipReadsTest}),
 * {@code view/GameClipJson}, the hand-written {@code view/GameClipJsonSerializer} and {@code view/ClipQueryService}'s
 * {@code json}; for owners to change it, {@code edit/ClipUpdate} and {@code ClipEditService.update}; for
 * transfer-service to see it, {@code clip_catalog.proto} and the catalog half that fills it in. Then docs/gameclips.md.
 */
package io.savepoint.metadata.clips;
