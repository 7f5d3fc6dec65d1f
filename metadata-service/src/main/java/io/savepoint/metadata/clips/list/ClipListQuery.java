package io.savepoint.metadata.clips.list;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.savepoint.metadata.clips.GameClipType;
import io.savepoint.protocol.ApiException;

/**
 * A clip list's validated paging, sort and filters (spec A.4, A.6, D.8). {@link #identity()} names everything that
 * decides which clips the list holds and in which order, so a continuation token is only accepted by the list that
 * issued it.
 */
record ClipListQuery(int maxItems, int skipItems, String continuationToken, Qualifier qualifier, boolean descending,
        Set<GameClipType> types, String greatestMomentId, boolean matchesNothing) {

    /** Sort orders: {@code created} (order added), {@code rating} (Top Rated), {@code views} (Most Viewed). */
    enum Qualifier {
        CREATED("created_at"), RATING("rating"), VIEWS("views");

        final String column;

        Qualifier(String column) {
            this.column = column;
        }
    }

    static final int MAX_QUALIFIER = 12;
    static final int MAX_FILTER = 256;

    static ClipListQuery parse(ClipListParams p, int defaultItems, int maxItemsLimit, boolean publicList) {
        int maxItems = p.maxItems == null || p.maxItems.isBlank() ? defaultItems : integer("maxItems", p.maxItems);
        if (maxItems < 1 || maxItems > maxItemsLimit) {
            throw ApiException.badRequest("maxItems must be between 1 and " + maxItemsLimit + ", got " + p.maxItems + ".");
        }
        int skipItems = p.skipItems == null || p.skipItems.isBlank() ? 0 : integer("skipItems", p.skipItems);
        if (skipItems < 0) {
            throw ApiException.badRequest("skipItems must be 0 or more, got " + p.skipItems + ".");
        }
        String token = p.continuationToken == null || p.continuationToken.isBlank() ? null : p.continuationToken.strip();
        boolean descending = order(p.order, publicList);
        Qualifier qualifier = qualifier(p.qualifier != null ? p.qualifier : p.qualifierMisspelt);
        String achievementId = filter("achievementId", p.achievementId);
        String eventId = filter("eventId", p.eventId);
        String greatestMomentId = filter("greatestMomentId", p.greatestMomentId);
        // Savepoint records neither achievements nor events on clips (uploads carry none), so no clip has one.
        boolean matchesNothing = achievementId != null || eventId != null;
        return new ClipListQuery(maxItems, token == null ? skipItems : 0, token, qualifier, descending, types(p.type),
                greatestMomentId, matchesNothing);
    }

    /** What a continuation token is bound to (the scope is added by the caller). */
    String identity() {
        return qualifier + "|" + (descending ? "D" : "A") + "|" + types + "|" + greatestMomentId;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a 32-bit integer, got '" + value + "'.");
        }
    }

    private static boolean order(String order, boolean publicList) {
        if (order == null || order.isBlank() || order.strip().equalsIgnoreCase("D")) {
            return true;
        }
        if (order.strip().equalsIgnoreCase("A")) {
            if (publicList) {
                throw ApiException.badRequest("Public clip lists cannot be sorted in ascending order (order=A); use order=D.");
            }
            return false;
        }
        throw ApiException.badRequest("order must be 'D' (descending) or 'A' (ascending), got '" + order + "'.");
    }

    private static Qualifier qualifier(String value) {
        if (value == null || value.isBlank()) {
            return Qualifier.CREATED;
        }
        if (value.length() > MAX_QUALIFIER) {
            throw ApiException.badRequest("qualifier is at most " + MAX_QUALIFIER + " characters.");
        }
        try {
            return Qualifier.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("qualifier must be 'created', 'rating' or 'views', got '" + value + "'.");
        }
    }

    private static Set<GameClipType> types(String value) {
        Set<GameClipType> types = EnumSet.noneOf(GameClipType.class);
        if (value == null || value.isBlank()) {
            return types;
        }
        List<String> unknown = new ArrayList<>();
        for (String name : value.split(",")) {
            String trimmed = name.strip();
            if (trimmed.equalsIgnoreCase("All")) {
                return EnumSet.noneOf(GameClipType.class);
            }
            GameClipType match = null;
            for (GameClipType type : GameClipType.values()) {
                if (type.name().equalsIgnoreCase(trimmed)) {
                    match = type;
                }
            }
            if (match == null || match == GameClipType.None) {
                unknown.add(trimmed);
            } else {
                types.add(match);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("type " + unknown + " is not a GameClipTypes value; use All or a comma-separated list of "
                    + List.of(GameClipType.MetadataOnly, GameClipType.DeveloperInitiated, GameClipType.Achievement,
                            GameClipType.UserGenerated, GameClipType.MagicMoment)
                    + ".");
        }
        return types;
    }

    private static String filter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER) {
            throw ApiException.badRequest(name + " is at most " + MAX_FILTER + " characters.");
        }
        return value.strip();
    }
}
