package io.savepoint.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** storage-service settings (savepoint.storage.*); each is documented in docs/configuration.md. */
@ConfigMapping(prefix = "savepoint.storage")
public interface StorageConfig {

    /** Where block bytes live: a directory (one replica) or an S3-compatible bucket (any number of replicas). */
    @WithDefault("filesystem")
    Backend backend();

    enum Backend {
        FILESYSTEM,
        S3
    }

    /** Where the filesystem backend keeps block files. */
    @WithDefault("/var/lib/savepoint/blobs")
    Path dataDir();

    /**
     * The filesystem backend writes blocks with O_DIRECT (the bytes go from the service's buffer to the disk, not
     * through the page cache) when the filesystem accepts it; false, or a filesystem that refuses it, writes through the
     * page cache. Either way a block is fdatasynced before it is acknowledged.
     */
    @WithDefault("true")
    boolean directIo();

    /** The S3 backend (savepoint.storage.s3.*); read only when backend is s3. */
    S3 s3();

    interface S3 {

        /** The S3 API endpoint, e.g. https://minio.example:9000; empty means AWS S3 of {@link #region()}. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Required with backend s3. */
        Optional<String> bucket();

        /** Required with backend s3. */
        Optional<String> accessKeyId();

        /** Required with backend s3. */
        Optional<String> secretAccessKey();

        /** Path-style URLs (endpoint/bucket/key) instead of virtual-hosted ones (bucket.endpoint/key): most non-AWS stores. */
        @WithDefault("false")
        boolean pathStyle();

        /**
         * Prepended to every object key, so one bucket can hold other data (or several Savepoint installations); set
         * empty for none.
         */
        @WithDefault("blocks/")
        Optional<String> prefix();

        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest wait for the next bytes of a response. */
        @WithDefault("30s")
        Duration readTimeout();
    }

    /** Uploads (staged blocks, multi-block chains) untouched for this long are abandoned and their space freed. */
    @WithDefault("1h")
    Duration uploadExpiry();

    /** How often expired uploads and unreferenced block files are cleaned up. */
    @WithDefault("5m")
    String sweepInterval();

    /** Blobs up to this size keep their bytes in PostgreSQL (one query reads many users' copies). */
    @WithDefault("65536")
    long inlineMaxBytes();

    /**
     * Largest json or config blob (spec B.4: a full upload is smaller than 4 MB, and json has no multi-block upload). Its
     * bytes are read whole to validate them, so this bounds the memory one PUT holds.
     */
    @WithDefault("4194303")
    long maxJsonBytes();

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
