package io.savepoint.metadata.clips.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.savepoint.metadata.clips.GameClipSource;
import io.savepoint.metadata.clips.GameClipType;
import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.metadata.clips.ThumbnailSource;
import io.savepoint.protocol.ApiException;

/**
 * Parses and validates an InitialUploadRequest body (spec C.1). Every broken rule is collected and answered as one
 * 400 naming each field and its rule. Enum strings match case-insensitively and are stored in the spec's spelling.
 */
public final class InitialUploadValidator {

    static final long UINT32_MAX = 0xFFFF_FFFFL;
    public static final int USER_CAPTION_MAX_CHARS = 250;
    public static final int PROPERTY_BAG_MAX_BYTES = 10 * 1024;
    private static final int ID_MAX_CHARS = 256;
    private static final int USERS_IN_SESSION_MAX = 100;
    private static final int USER_ID_MAX_CHARS = 64;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final long maxFileSize;
    private final int maxBlocks;
    private final long maxBlockBytes;

    /** The limits come from ClipsConfig: the block limit is the one block uploads enforce, so both agree on every clip. */
    InitialUploadValidator(long maxFileSize, int maxBlocks, long maxBlockBytes) {
        this.maxFileSize = maxFileSize;
        this.maxBlocks = maxBlocks;
        this.maxBlockBytes = maxBlockBytes;
    }

    /** The validated request of a JSON body; 400 naming every problem otherwise. */
    ValidUploadRequest parse(String body) {
        return validate(read(body));
    }

    static InitialUploadRequest read(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("The body must be a JSON InitialUploadRequest object.");
        }
        try {
            InitialUploadRequest request = STRICT.readValue(body, InitialUploadRequest.class);
            if (request == null) {
                throw ApiException.badRequest("The body must be a JSON InitialUploadRequest object, not null.");
            }
            return request;
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            if (field == null) {
                throw ApiException.badRequest("The body must be a JSON InitialUploadRequest object.");
            }
            throw ApiException.badRequest("Invalid InitialUploadRequest: " + field + " has the wrong JSON type (expected "
                    + expected(e.getTargetType()) + ").");
        } catch (InputCoercionException e) {
            throw ApiException
                    .badRequest("Invalid InitialUploadRequest: " + fieldOf(e) + " is out of range (" + e.getOriginalMessage() + ").");
        } catch (JsonParseException e) {
            throw ApiException.badRequest("Malformed JSON body: " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "the body" : e.getPath().get(0).getFieldName();
            throw ApiException.badRequest("Invalid InitialUploadRequest: " + field + " is invalid (" + e.getOriginalMessage() + ").");
        } catch (JacksonException e) {
            throw ApiException.badRequest("Malformed JSON body: " + e.getOriginalMessage());
        }
    }

    private static String fieldOf(InputCoercionException e) {
        try {
            return e.getProcessor() instanceof JsonParser parser && parser.currentName() != null ? parser.currentName() : "a number";
        } catch (IOException | RuntimeException ignored) {
            return "a number";
        }
    }

    ValidUploadRequest validate(InitialUploadRequest r) {
        List<String> errors = new ArrayList<>();

        String momentId = blankToNull(r.greatestMomentId());
        String clipNameStringId = blankToNull(r.clipNameStringId());
        if (momentId != null && clipNameStringId != null && !momentId.equals(clipNameStringId)) {
            errors.add("greatestMomentId and clipNameStringId must not name different clip-name strings ('" + momentId
                    + "' vs '" + clipNameStringId + "'); send one of them");
        }
        String momentField = momentId != null ? "greatestMomentId" : "clipNameStringId";
        momentId = momentId != null ? momentId : clipNameStringId;
        maxChars(errors, momentField, momentId, ID_MAX_CHARS);
        maxChars(errors, "userCaption", r.userCaption(), USER_CAPTION_MAX_CHARS);
        maxChars(errors, "sessionRef", r.sessionRef(), ID_MAX_CHARS);
        maxBytes(errors, "titleData", r.titleData());
        maxBytes(errors, "systemProperties", r.systemProperties());

        Instant dateRecorded = null;
        if (r.dateRecorded() == null) {
            errors.add("dateRecorded is required (ISO 8601, e.g. 2012-12-23T11:08:08Z)");
        } else {
            dateRecorded = isoInstant(r.dateRecorded());
            if (dateRecorded == null) {
                errors.add("dateRecorded must be an ISO 8601 date and time such as 2012-12-23T11:08:08Z, got '" + r.dateRecorded() + "'");
            }
        }

        Long duration = r.durationInSeconds();
        if (duration == null) {
            errors.add("durationInSeconds is required");
        } else if (duration < 1 || duration > UINT32_MAX) {
            errors.add("durationInSeconds must be between 1 and " + UINT32_MAX + ", got " + duration);
            duration = null;
        }

        Long fileSize = r.fileSize();
        if (fileSize == null) {
            errors.add("fileSize is required");
        } else if (fileSize <= 0) {
            errors.add("fileSize must be greater than 0, got " + fileSize);
            fileSize = null;
        } else if (fileSize > Math.min(maxFileSize, UINT32_MAX)) {
            errors.add("fileSize must be at most " + Math.min(maxFileSize, UINT32_MAX) + " bytes, got " + fileSize);
            fileSize = null;
        }

        long expectedBlocks = r.expectedBlocks() == null ? 1 : r.expectedBlocks();
        if (r.expectedBlocks() != null && (expectedBlocks < 1 || expectedBlocks > maxBlocks)) {
            errors.add("expectedBlocks must be between 1 and " + maxBlocks + " (the most blocks a clip may have), got "
                    + expectedBlocks);
        } else if (fileSize != null) {
            long minBlocks = (fileSize + maxBlockBytes - 1) / maxBlockBytes;
            if (r.expectedBlocks() == null && minBlocks > 1) {
                errors.add("expectedBlocks is required when fileSize is over " + maxBlockBytes + " bytes (a block is at most "
                        + maxBlockBytes + " bytes)");
            } else if (expectedBlocks < minBlocks) {
                errors.add("expectedBlocks must be at least " + minBlocks + " for a fileSize of " + fileSize
                        + " bytes (a block is at most " + maxBlockBytes + " bytes), got " + expectedBlocks);
            } else if (expectedBlocks > fileSize) {
                errors.add("expectedBlocks must not exceed fileSize (" + fileSize + "): every block holds at least one byte, got "
                        + expectedBlocks);
            }
        }

        List<GameClipType> types = types(errors, r.type());
        GameClipSource source = required(errors, GameClipSource.class, "source", r.source(), GameClipSource.None);
        GameClipVisibility visibility = required(errors, GameClipVisibility.class, "visibility", r.visibility(), GameClipVisibility.None);

        ThumbnailSource thumbnailSource = ThumbnailSource.Default;
        if (r.thumbnailSource() != null) {
            thumbnailSource = enumValue(errors, ThumbnailSource.class, "thumbnailSource", r.thumbnailSource());
        }
        Integer offset = null;
        Long requestedOffset = r.thumbnailOffsetMillseconds();
        if (thumbnailSource == ThumbnailSource.Offset) {
            if (requestedOffset == null) {
                errors.add("thumbnailOffsetMillseconds is required when thumbnailSource is Offset");
            } else if (requestedOffset < 0 || requestedOffset > Integer.MAX_VALUE) {
                errors.add("thumbnailOffsetMillseconds must be between 0 and " + Integer.MAX_VALUE + ", got " + requestedOffset);
            } else if (duration != null && requestedOffset > duration * 1000) {
                errors.add("thumbnailOffsetMillseconds must not pass the clip's end (durationInSeconds * 1000 = "
                        + duration * 1000 + "), got " + requestedOffset);
            } else {
                offset = requestedOffset.intValue();
            }
        } else if (requestedOffset != null && thumbnailSource != null) {
            errors.add("thumbnailOffsetMillseconds is allowed only with thumbnailSource Offset, not " + thumbnailSource);
        }

        List<String> users = r.usersInSession() == null ? List.of() : r.usersInSession();
        if (users.size() > USERS_IN_SESSION_MAX) {
            errors.add("usersInSession must list at most " + USERS_IN_SESSION_MAX + " users, got " + users.size());
        } else if (users.stream().anyMatch(u -> u == null || u.isBlank() || u.length() > USER_ID_MAX_CHARS)) {
            errors.add("usersInSession entries must be non-empty strings of at most " + USER_ID_MAX_CHARS + " characters");
        }

        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid InitialUploadRequest: " + String.join("; ", errors) + ".");
        }
        return new ValidUploadRequest(momentId, r.userCaption(), r.sessionRef(), dateRecorded, duration, expectedBlocks,
                fileSize, types, source, visibility, r.titleData(), r.systemProperties(), List.copyOf(users),
                thumbnailSource, offset, Boolean.TRUE.equals(r.savedByUser()));
    }

    private static List<GameClipType> types(List<String> errors, String text) {
        if (text == null || text.isBlank()) {
            errors.add("type is required: comma-separated GameClipTypes flags from " + names(GameClipType.class, GameClipType.None));
            return null;
        }
        Set<GameClipType> types = new LinkedHashSet<>();
        for (String flag : text.split(",", -1)) {
            GameClipType type = enumValue(errors, GameClipType.class, "type", flag.strip());
            if (type == GameClipType.None) {
                errors.add("type None is not valid for an upload");
            } else if (type != null) {
                types.add(type);
            }
        }
        return List.copyOf(types);
    }

    private static <E extends Enum<E>> E required(List<String> errors, Class<E> type, String field, String text, E invalid) {
        if (text == null || text.isBlank()) {
            errors.add(field + " is required: one of " + names(type, invalid));
            return null;
        }
        E value = enumValue(errors, type, field, text);
        if (value != null && value == invalid) {
            errors.add(field + " " + invalid + " is not valid for an upload; use one of " + names(type, invalid));
            return null;
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(List<String> errors, Class<E> type, String field, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.strip())) {
                return value;
            }
        }
        errors.add(field + " must be one of " + names(type, null) + ", got '" + text + "'");
        return null;
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type, E except) {
        return Arrays.stream(type.getEnumConstants()).filter(v -> v != except).map(Enum::name).toList();
    }

    /** ISO 8601 with an offset or Z; without one the time is taken as UTC (the spec says dateRecorded is UTC). */
    static Instant isoInstant(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime odt ? odt.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void maxChars(List<String> errors, String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(field + " must be at most " + max + " characters, got " + value.codePointCount(0, value.length()));
        }
    }

    private static void maxBytes(List<String> errors, String field, String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > PROPERTY_BAG_MAX_BYTES) {
            errors.add(field + " must be at most 10 KB (" + PROPERTY_BAG_MAX_BYTES + " UTF-8 bytes), got "
                    + value.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(target) || target == long.class || target == int.class) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(target)) {
            return "an array of strings";
        }
        return "a string";
    }
}
