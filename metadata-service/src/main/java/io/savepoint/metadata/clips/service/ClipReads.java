package io.savepoint.metadata.clips.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.agroal.api.AgroalDataSource;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipSource;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.metadata.clips.ThumbnailSource;

/**
 * The pure reads players make most (GET one clip, a list page), as one plain JDBC statement on a pooled connection:
 * no session, no JTA transaction, no result-set mapping resolved per query. Each row becomes a detached
 * {@link GameClip} with every column set, so these reads hand out the same objects a Hibernate read would (checked
 * column by column by ClipReadsTest). Anything that changes a clip loads it through Hibernate instead.
 *
 * <p>Takes the same SQL text as the Hibernate queries, with named parameters ({@code :name}; a collection expands to
 * one placeholder per element, like Hibernate's {@code IN (:list)}), so both paths share one statement builder.
 */
@ApplicationScoped
public class ClipReads {

    private static final ObjectReader STRING_LIST = new ObjectMapper().readerFor(new TypeReference<List<String>>() {
    });

    private final AgroalDataSource dataSource;

    ClipReads(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The game_clip rows {@code sql} selects (it must select {@code c.*}), each as a detached GameClip. */
    public List<GameClip> select(String sql, Map<String, Object> parameters) {
        List<Object> values = new ArrayList<>();
        String jdbcSql = positional(sql, parameters, values);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(jdbcSql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<GameClip> clips = new ArrayList<>();
                while (rows.next()) {
                    clips.add(clip(rows));
                }
                return clips;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading game_clip rows failed: " + e.getMessage(), e);
        }
    }

    /** {@code sql} with each {@code :name} (outside '...' literals and :: casts) replaced by JDBC placeholders. */
    static String positional(String sql, Map<String, Object> parameters, List<Object> values) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean inLiteral = false;
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            boolean startsName = !inLiteral && ch == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':');
            if (!startsName) {
                inLiteral ^= ch == '\'';
                out.append(ch);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                end++;
            }
            String name = sql.substring(i + 1, end);
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("No value for SQL parameter :" + name + ".");
            }
            Object value = parameters.get(name);
            if (value instanceof Collection<?> elements) {
                StringJoiner placeholders = new StringJoiner(", ");
                for (Object element : elements) {
                    placeholders.add("?");
                    values.add(jdbcValue(element));
                }
                out.append(placeholders);
            } else {
                out.append('?');
                values.add(jdbcValue(value));
            }
            i = end;
        }
        return out.toString();
    }

    private static Object jdbcValue(Object value) {
        return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
    }

    private static GameClip clip(ResultSet row) throws SQLException {
        GameClip clip = new GameClip();
        clip.gameClipId = row.getString("game_clip_id");
        clip.ownerXuid = row.getString("owner_xuid");
        clip.titleId = row.getLong("title_id");
        clip.scid = row.getString("scid");
        clip.sandboxId = row.getString("sandbox_id");
        clip.deviceType = row.getString("device_type");
        clip.deviceId = row.getString("device_id");
        clip.state = GameClipState.valueOf(row.getString("state"));
        clip.greatestMomentId = row.getString("greatest_moment_id");
        clip.userCaption = row.getString("user_caption");
        clip.sessionRef = row.getString("session_ref");
        clip.dateRecorded = instant(row, "date_recorded");
        clip.durationInSeconds = row.getLong("duration_seconds");
        clip.expectedBlocks = row.getLong("expected_blocks");
        clip.fileSize = row.getLong("file_size");
        clip.types = row.getString("clip_types");
        clip.source = GameClipSource.valueOf(row.getString("source"));
        clip.visibility = GameClipVisibility.valueOf(row.getString("visibility"));
        clip.titleData = row.getString("title_data");
        clip.systemProperties = row.getString("system_properties");
        clip.usersInSession = stringList(row.getString("users_in_session"));
        clip.thumbnailSource = ThumbnailSource.valueOf(row.getString("thumbnail_source"));
        clip.thumbnailOffsetMillis = row.getObject("thumbnail_offset_millis", Integer.class);
        clip.savedByUser = row.getBoolean("saved_by_user");
        clip.quotaReservationId = row.getString("quota_reservation_id");
        clip.idempotencyKey = row.getString("idempotency_key");
        clip.requestFingerprint = row.getString("request_fingerprint");
        clip.createdAt = instant(row, "created_at");
        clip.lastModifiedAt = instant(row, "last_modified_at");
        clip.uploadExpiresAt = instant(row, "upload_expires_at");
        clip.uploadedAt = instant(row, "uploaded_at");
        clip.uploadedSize = row.getObject("uploaded_size", Long.class);
        clip.uploadChecksum = row.getString("upload_checksum");
        clip.processingStartedAt = instant(row, "processing_started_at");
        clip.processingWorkerId = row.getString("processing_worker_id");
        clip.processingLeaseExpiresAt = instant(row, "processing_lease_expires_at");
        clip.publishedAt = instant(row, "published_at");
        clip.sha256Hex = row.getString("sha256_hex");
        clip.errorReason = row.getString("error_reason");
        clip.errorAt = instant(row, "error_at");
        clip.storageCleanupPending = row.getBoolean("storage_cleanup_pending");
        clip.largeThumbnailSize = row.getObject("large_thumbnail_size", Long.class);
        clip.largeThumbnailContentType = row.getString("large_thumbnail_content_type");
        clip.smallThumbnailSize = row.getObject("small_thumbnail_size", Long.class);
        clip.smallThumbnailContentType = row.getString("small_thumbnail_content_type");
        clip.rating = row.getDouble("rating");
        clip.ratingCount = row.getLong("rating_count");
        clip.ratingSum = row.getLong("rating_sum");
        clip.views = row.getLong("views");
        clip.flaggedAt = instant(row, "flagged_at");
        clip.deletedAt = instant(row, "deleted_at");
        return clip;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> stringList(String json) throws SQLException {
        try {
            return STRING_LIST.readValue(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("users_in_session is not a JSON array of strings: " + e.getOriginalMessage(), e);
        }
    }
}
