package io.savepoint.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.smallrye.config.EnvConfigSource;

/**
 * Environment variables of earlier releases, still read. Each savepoint.* setting is now read from the variable
 * SmallRye Config derives from its name (savepoint.storage.s3.bucket from SAVEPOINT_STORAGE_S3_BUCKET); an operator's
 * old name must not be ignored without a word, so this config source serves each old variable's value under the new
 * name, below the real environment (a new name set too wins) and above application.properties. A start with an old
 * name set logs which to rename ({@link RenamedVariablesNotice}); docs/configuration.md, "Renamed variables", lists them.
 * Registered in META-INF/services.
 */
public class RenamedVariables extends EnvConfigSource {

    /** Just below the environment's 300, above application.properties' 250. */
    static final int ORDINAL = 295;

    /** Every old name, with the variable read now. */
    public static final Map<String, String> RENAMED = new TreeMap<>(Map.ofEntries(
            Map.entry("SAVEPOINT_SERVICE_SECRET", "SAVEPOINT_SERVICE_AUTH_SECRET"),
            Map.entry("SAVEPOINT_DOWNLOAD_URI_SECRET", "SAVEPOINT_DOWNLOAD_URIS_SECRET"),
            Map.entry("SAVEPOINT_TITLES_FILE", "SAVEPOINT_METADATA_TITLES_FILE"),
            Map.entry("SAVEPOINT_TRANSFER_PUBLIC_URL", "SAVEPOINT_METADATA_CLIPS_TRANSFER_BASE_URL"),
            Map.entry("SAVEPOINT_CLIP_MAX_FILE_SIZE", "SAVEPOINT_METADATA_CLIPS_MAX_FILE_SIZE"),
            Map.entry("SAVEPOINT_CLIP_MAX_BLOCKS", "SAVEPOINT_METADATA_CLIPS_MAX_BLOCKS"),
            Map.entry("SAVEPOINT_CLIP_UPLOAD_DEVICE_TYPES", "SAVEPOINT_METADATA_CLIPS_UPLOAD_DEVICE_TYPES"),
            Map.entry("SAVEPOINT_CLIP_UPLOAD_EXPIRY", "SAVEPOINT_METADATA_CLIPS_UPLOAD_EXPIRY"),
            Map.entry("SAVEPOINT_CLIP_MAX_BLOCK_BYTES", "SAVEPOINT_METADATA_CLIPS_MAX_BLOCK_BYTES"),
            Map.entry("SAVEPOINT_CLIP_MAX_THUMBNAIL_BYTES", "SAVEPOINT_METADATA_CLIPS_MAX_THUMBNAIL_BYTES"),
            Map.entry("SAVEPOINT_CLIP_PROCESSING_LEASE", "SAVEPOINT_METADATA_CLIPS_PROCESSING_LEASE"),
            Map.entry("SAVEPOINT_CLIP_PROCESSING_MAX_ATTEMPTS", "SAVEPOINT_METADATA_CLIPS_PROCESSING_MAX_ATTEMPTS"),
            Map.entry("SAVEPOINT_CLIP_DOWNLOAD_URI_TTL", "SAVEPOINT_METADATA_CLIPS_DOWNLOAD_URI_TTL"),
            Map.entry("SAVEPOINT_CLIP_SWEEP_INTERVAL", "SAVEPOINT_METADATA_CLIPS_SWEEP_INTERVAL"),
            Map.entry("SAVEPOINT_CLIP_SWEEP_BATCH_SIZE", "SAVEPOINT_METADATA_CLIPS_SWEEP_BATCH_SIZE"),
            Map.entry("SAVEPOINT_CLIP_LIST_DEFAULT_ITEMS", "SAVEPOINT_METADATA_CLIPS_LIST_DEFAULT_ITEMS"),
            Map.entry("SAVEPOINT_CLIP_LIST_MAX_ITEMS", "SAVEPOINT_METADATA_CLIPS_LIST_MAX_ITEMS"),
            Map.entry("SAVEPOINT_CLIP_RETENTION_UNSAVED_PER_TITLE", "SAVEPOINT_METADATA_CLIPS_RETENTION_UNSAVED_PER_TITLE"),
            Map.entry("SAVEPOINT_S3_ENDPOINT", "SAVEPOINT_STORAGE_S3_ENDPOINT"),
            Map.entry("SAVEPOINT_S3_REGION", "SAVEPOINT_STORAGE_S3_REGION"),
            Map.entry("SAVEPOINT_S3_BUCKET", "SAVEPOINT_STORAGE_S3_BUCKET"),
            Map.entry("SAVEPOINT_S3_ACCESS_KEY_ID", "SAVEPOINT_STORAGE_S3_ACCESS_KEY_ID"),
            Map.entry("SAVEPOINT_S3_SECRET_ACCESS_KEY", "SAVEPOINT_STORAGE_S3_SECRET_ACCESS_KEY"),
            Map.entry("SAVEPOINT_S3_PATH_STYLE", "SAVEPOINT_STORAGE_S3_PATH_STYLE"),
            Map.entry("SAVEPOINT_S3_PREFIX", "SAVEPOINT_STORAGE_S3_PREFIX"),
            Map.entry("SAVEPOINT_UPLOAD_EXPIRY", "SAVEPOINT_STORAGE_UPLOAD_EXPIRY"),
            Map.entry("SAVEPOINT_SWEEP_INTERVAL", "SAVEPOINT_STORAGE_SWEEP_INTERVAL"),
            Map.entry("SAVEPOINT_INLINE_MAX_BYTES", "SAVEPOINT_STORAGE_INLINE_MAX_BYTES"),
            Map.entry("SAVEPOINT_MAX_REQUEST_BYTES", "SAVEPOINT_STORAGE_MAX_REQUEST_BYTES"),
            Map.entry("SAVEPOINT_TRUSTED_DEVICE_TYPES", "SAVEPOINT_STORAGE_TRUSTED_DEVICE_TYPES"),
            Map.entry("SAVEPOINT_BATCH_MAX_XUIDS", "SAVEPOINT_STORAGE_BATCH_MAX_XUIDS"),
            Map.entry("SAVEPOINT_FFMPEG_PATH", "SAVEPOINT_TRANSFER_FFMPEG_PATH"),
            Map.entry("SAVEPOINT_FFPROBE_PATH", "SAVEPOINT_TRANSFER_FFPROBE_PATH")));

    public RenamedVariables() {
        this(System.getenv());
    }

    RenamedVariables(Map<String, String> environment) {
        super(underNewNames(environment), ORDINAL);
    }

    @Override
    public String getName() {
        return "renamed environment variables";
    }

    /** The values of old variables set in {@code environment}, keyed by the variable that replaces each. */
    static Map<String, String> underNewNames(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        RENAMED.forEach((old, now) -> {
            if (environment.containsKey(old)) {
                values.put(now, environment.get(old));
            }
        });
        return values;
    }

    /** One line per old variable set in {@code environment}, naming its replacement. */
    static List<String> warnings(Map<String, String> environment) {
        return RENAMED.entrySet().stream().filter(e -> environment.containsKey(e.getKey()))
                .map(e -> e.getKey() + " is an old name: it is still read, but rename it to " + e.getValue()
                        + (environment.containsKey(e.getValue()) ? " (which is also set, and wins)" : "") + ".")
                .toList();
    }
}
