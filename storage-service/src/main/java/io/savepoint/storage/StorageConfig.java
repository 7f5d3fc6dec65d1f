package io.savepoint.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** storage-service settings (savepoint.storage.*); each is documented in the README. */
@ConfigMapping(prefix = "savepoint.storage")
public interface StorageConfig {

    /** Where the filesystem backend keeps block files. */
    Path dataDir();

    /** Uploads (staged blocks, multi-block chains) untouched for this long are abandoned and their space freed. */
    @WithDefault("1h")
    Duration uploadExpiry();

    /** How often expired uploads and unreferenced block files are cleaned up. */
    @WithDefault("5m")
    String sweepInterval();

    /** Blobs up to this size keep their bytes in PostgreSQL (one query reads many users' copies). */
    @WithDefault("65536")
    long inlineMaxBytes();

    /** Largest body of one PUT: a whole blob, or one block of a multi-block upload. */
    @WithDefault("16777216")
    long maxRequestBytes();

    /** Device types allowed to write the trusted family (the deviceType claim). */
    @WithDefault("XboxOne,XboxSeriesX,XboxSeriesS,Scarlett,Xbox360")
    Set<String> trustedDeviceTypes();

    /** Most users one batch download may name. */
    @WithDefault("100")
    int batchMaxXuids();

    /** Blobs per list page when maxItems is not given. */
    @WithDefault("100")
    int listDefaultItems();

    /** Most blobs per list page. */
    @WithDefault("1000")
    int listMaxItems();
}
