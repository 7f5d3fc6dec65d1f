package io.savepoint.metadata.clips;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** GameClips settings of metadata-service (savepoint.metadata.clips.*); each is documented in docs/configuration.md. */
@ConfigMapping(prefix = "savepoint.metadata.clips")
public interface ClipsConfig {

    /** transfer-service's public base URL: upload URIs are built on it. */
    @WithDefault("http://localhost:8082")
    String transferBaseUrl();

    /** Largest fileSize an initial upload request may announce, in bytes (spec: a uint32, so at most 4294967295). */
    @WithDefault("2147483648")
    long maxFileSize();

    /**
     * Most blocks a clip upload may announce (expectedBlocks): transfer-service lists every block number of an upload,
     * so this bounds its memory. 10000 blocks of 2 MiB hold about 20 GiB, well above the default maxFileSize of 2 GiB
     * (1024 blocks). An int, so block counts also fit the uint32/int fields they travel in.
     */
    @WithDefault("10000")
    int maxBlocks();

    /** deviceType claims allowed to upload clips (spec A.1: "must be device to upload"). */
    @WithDefault("XboxOne,XboxSeriesX,XboxSeriesS,Scarlett,Xbox360")
    Set<String> uploadDeviceTypes();

    /** How long a clip may stay PendingUpload before it expires. */
    @WithDefault("24h")
    Duration uploadExpiry();

    /** Largest block of a clip upload, in bytes. */
    @WithDefault("2097152")
    long maxBlockBytes();

    /** Largest uploaded thumbnail (thumbnailSource Upload), in bytes. */
    @WithDefault("1048576")
    long maxThumbnailBytes();

    /** How long a processing worker holds a clip before another worker may take it over. */
    @WithDefault("10m")
    Duration processingLease();

    /** Times a clip is handed to a processing worker before a clip no worker finished ends in Error. */
    @WithDefault("5")
    int processingMaxAttempts();

    /** How long a signed download URI of a published clip stays valid. */
    @WithDefault("4h")
    Duration downloadUriTtl();

    /** How often the sweeper expires unfinished uploads and retries storage cleanups (read by its @Scheduled). */
    @WithDefault("60s")
    Duration sweepInterval();

    /** Clips the sweeper expires or cleans up per run and per kind of work. */
    @WithDefault("100")
    int sweepBatchSize();

    /** Clips on a list page when the request names no maxItems. */
    @WithDefault("100")
    int listDefaultItems();

    /** Largest maxItems a list request may ask for (more is a 400). */
    @WithDefault("100")
    int listMaxItems();

    /** Unsaved clips kept per user and title; older ones are deleted first in, first out (0 keeps all). */
    @WithDefault("100")
    int retentionUnsavedPerTitle();
}
