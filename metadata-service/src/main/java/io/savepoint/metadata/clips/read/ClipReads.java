package io.savepoint.metadata.clips.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.savepoint.metadata.clips.GameClipSource;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.GameClipVisibility;

/**
 * The pure reads players make most (GET one clip, a list page), as one plain JDBC statement on a pooled connection:
 * no session, no JTA transaction, no result-set mapping resolved per query. Each row becomes a {@link ClipRow} read
 * by column position (checked against Hibernate's loading by ClipReadsTest). Anything that changes a clip loads the
 * entity through Hibernate instead.
 *
 * <p>Takes the same SQL text as the Hibernate queries from its {@code FROM} on, with named parameters ({@code :name};
 * a collection expands to one placeholder per element, like Hibernate's {@code IN (:list)}), so both paths share one
 * statement builder.
 */
@ApplicationScoped
public class ClipReads {

    /** The columns of {@link ClipRow}, in the order {@link #row} reads them; the table's alias must be {@code c}. */
    private static final String COLUMNS = "SELECT c.game_clip_id, c.owner_xuid, c.title_id, c.scid, c.device_type, c.state,"
            + " c.greatest_moment_id, c.user_caption, c.date_recorded, c.duration_seconds, c.file_size, c.clip_types,"
            + " c.source, c.visibility, c.title_data, c.system_properties, c.saved_by_user, c.created_at,"
            + " c.last_modified_at, c.uploaded_size, c.published_at, c.large_thumbnail_size, c.small_thumbnail_size,"
            + " c.rating, c.rating_count, c.views, c.xmin::text::bigint ";
    /** The columns of {@link ClipVersion}, in the order {@link #version} reads them. */
    private static final String VERSION_COLUMNS = "SELECT c.game_clip_id, c.xmin::text::bigint, c.title_id, c.created_at,"
            + " c.rating, c.views, c.greatest_moment_id ";

    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    ClipReads(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The game_clip rows that {@code fromClause} ({@code FROM game_clip c WHERE …}) selects. */
    public List<ClipRow> select(String fromClause, Map<String, Object> parameters) {
        return query(COLUMNS, fromClause, parameters, ClipReads::row);
    }

    /**
     * The versions and sort keys of the rows {@code fromClause} selects: a list page reads these, a few narrow columns,
     * and whole rows ({@link #byIds}) only for clips whose JSON it does not have.
     */
    public List<ClipVersion> versions(String fromClause, Map<String, Object> parameters) {
        return query(VERSION_COLUMNS, fromClause, parameters, ClipReads::version);
    }

    /** The rows of these clips, by id; clips that no longer exist are absent. One statement whatever the count. */
    public Map<String, ClipRow> byIds(Collection<String> gameClipIds) {
        Map<String, ClipRow> rows = new HashMap<>();
        for (ClipRow row : select("FROM game_clip c WHERE c.game_clip_id = ANY(:ids)", Map.of("ids", gameClipIds.toArray(String[]::new)))) {
            rows.put(row.gameClipId(), row);
        }
        return rows;
    }

    private <T> List<T> query(String columns, String fromClause, Map<String, Object> parameters, RowReader<T> reader) {
        List<Object> values = new ArrayList<>();
        String jdbcSql = columns + positional(fromClause, parameters, values);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(jdbcSql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<T> read = new ArrayList<>();
                while (rows.next()) {
                    read.add(reader.read(rows));
                }
                return read;
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

    private static ClipRow row(ResultSet row) throws SQLException {
        return new ClipRow(
                row.getString(1),
                row.getString(2),
                row.getLong(3),
                row.getString(4),
                row.getString(5),
                GameClipState.valueOf(row.getString(6)),
                row.getString(7),
                row.getString(8),
                instant(row, 9),
                row.getLong(10),
                row.getLong(11),
                row.getString(12),
                GameClipSource.valueOf(row.getString(13)),
                GameClipVisibility.valueOf(row.getString(14)),
                row.getString(15),
                row.getString(16),
                row.getBoolean(17),
                instant(row, 18),
                instant(row, 19),
                row.getObject(20, Long.class),
                instant(row, 21),
                row.getObject(22, Long.class),
                row.getObject(23, Long.class),
                row.getDouble(24),
                row.getLong(25),
                row.getLong(26),
                row.getLong(27));
    }

    private static ClipVersion version(ResultSet row) throws SQLException {
        return new ClipVersion(row.getString(1), row.getLong(2), row.getLong(3), instant(row, 4), row.getDouble(5), row.getLong(6),
                row.getString(7));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
