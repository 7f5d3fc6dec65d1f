package io.savepoint.metadata.clips.upload;

import static io.savepoint.testing.InitialUploadRequests.FIXTURE;
import static io.savepoint.testing.InitialUploadRequests.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.savepoint.metadata.clips.GameClipSource;
import io.savepoint.metadata.clips.GameClipType;
import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.metadata.clips.ThumbnailSource;
import io.savepoint.protocol.ApiException;

/** The InitialUploadRequest rules (spec C.1 and issue 4), without Quarkus. */
public class InitialUploadValidatorTest {

    static final long MAX = 2L << 30;
    static final int MAX_BLOCKS = 10_000;
    static final long MAX_BLOCK_BYTES = 2L << 20;

    final InitialUploadValidator validator = new InitialUploadValidator(MAX, MAX_BLOCKS, MAX_BLOCK_BYTES);

    ApiException refused(String body) {
        return assertThrows(ApiException.class, () -> validator.parse(body));
    }

    @Test
    void theDocsExampleIsValid() {
        ValidUploadRequest r = validator.parse(FIXTURE);
        assertEquals("123abc", r.greatestMomentId());
        assertEquals(Instant.parse("2012-12-23T11:08:08Z"), r.dateRecorded());
        assertEquals(27, r.durationInSeconds());
        assertEquals(7, r.expectedBlocks());
        assertEquals(1234567, r.fileSize());
        assertEquals(List.of(GameClipType.MagicMoment, GameClipType.Achievement), r.types());
        assertEquals("MagicMoment,Achievement", r.typesText());
        assertEquals(GameClipSource.Console, r.source());
        assertEquals(GameClipVisibility.Default, r.visibility());
        assertEquals(ThumbnailSource.Offset, r.thumbnailSource());
        assertEquals(20000, r.thumbnailOffsetMillis());
        assertEquals("{ 'Boss': 'The Invincible' }", r.titleData());
        assertEquals(List.of(), r.usersInSession());
    }

    @Test
    void clipNameStringIdIsTheSameField() {
        ValidUploadRequest r = validator.parse(body(n -> {
            n.remove("greatestMomentId");
            n.put("clipNameStringId", "1193045");
        }));
        assertEquals("1193045", r.greatestMomentId());
        assertEquals("123abc", validator.parse(body(n -> n.put("clipNameStringId", "123abc"))).greatestMomentId());
        assertNull(validator.parse(body(n -> n.remove("greatestMomentId"))).greatestMomentId());
        ApiException e = refused(body(n -> n.put("clipNameStringId", "other")));
        assertTrue(e.getMessage().contains("clipNameStringId"), e.getMessage());
    }

    @Test
    void enumsMatchCaseInsensitivelyAndAreStoredCanonically() {
        ValidUploadRequest r = validator.parse(body(n -> {
            n.put("type", "userGenerated,DEVELOPERINITIATED,UserGenerated");
            n.put("source", "titledirect");
            n.put("visibility", "public");
            n.put("thumbnailSource", "upload");
            n.remove("thumbnailOffsetMillseconds");
        }));
        assertEquals(List.of(GameClipType.UserGenerated, GameClipType.DeveloperInitiated), r.types());
        assertEquals(GameClipSource.TitleDirect, r.source());
        assertEquals(GameClipVisibility.Public, r.visibility());
        assertEquals(ThumbnailSource.Upload, r.thumbnailSource());
        assertNull(r.thumbnailOffsetMillis());
    }

    @Test
    void defaults() {
        ValidUploadRequest r = validator.parse(body(n -> {
            n.remove("expectedBlocks");
            n.put("fileSize", 2L << 20);
            n.remove("thumbnailSource");
            n.remove("thumbnailOffsetMillseconds");
            n.remove("savedByUser");
        }));
        assertEquals(1, r.expectedBlocks(), "a single-request upload is one block");
        assertEquals(ThumbnailSource.Default, r.thumbnailSource());
        assertEquals(false, r.savedByUser());
    }

    @Test
    void blockBoundsAreInclusive() {
        assertEquals(1024, validator.parse(body(n -> {
            n.put("fileSize", MAX);
            n.put("expectedBlocks", 1024);
        })).expectedBlocks());
        assertEquals(3, validator.parse(body(n -> {
            n.put("fileSize", 3);
            n.put("expectedBlocks", 3);
        })).expectedBlocks());
        assertEquals(27000, validator.parse(body(n -> n.put("thumbnailOffsetMillseconds", 27000))).thumbnailOffsetMillis());
        assertEquals(Instant.parse("2012-12-23T10:08:08Z"),
                validator.parse(body(n -> n.put("dateRecorded", "2012-12-23T11:08:08+01:00"))).dateRecorded());
        assertEquals(Instant.parse("2012-12-23T11:08:08.5Z"),
                validator.parse(body(n -> n.put("dateRecorded", "2012-12-23T11:08:08.5"))).dateRecorded());
    }

    @Test
    void expectedBlocksAreCappedByTheConfiguredMaximum() {
        // 1-byte blocks of a large clip would make transfer-service list millions of block numbers.
        ApiException e = refused(body(n -> n.put("fileSize", 50_000_000).put("expectedBlocks", MAX_BLOCKS + 1)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("expectedBlocks must be between 1 and " + MAX_BLOCKS), e.getMessage());
        String uint32Max = refused(body(n -> n.put("expectedBlocks", InitialUploadValidator.UINT32_MAX))).getMessage();
        assertTrue(uint32Max.contains("between 1 and " + MAX_BLOCKS), uint32Max);

        assertEquals(MAX_BLOCKS,
                validator.parse(body(n -> n.put("fileSize", 50_000_000).put("expectedBlocks", MAX_BLOCKS))).expectedBlocks());
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("userCaption", (Consumer<ObjectNode>) n -> n.put("userCaption", "x".repeat(251)), "at most 250"),
                Arguments.of("titleData", (Consumer<ObjectNode>) n -> n.put("titleData", "x".repeat(10 * 1024 + 1)), "10 KB"),
                Arguments.of("systemProperties", (Consumer<ObjectNode>) n -> n.put("systemProperties", "é".repeat(5121)), "10 KB"),
                Arguments.of("dateRecorded", (Consumer<ObjectNode>) n -> n.put("dateRecorded", "23/12/2012"), "ISO 8601"),
                Arguments.of("dateRecorded", (Consumer<ObjectNode>) n -> n.remove("dateRecorded"), "required"),
                Arguments.of("durationInSeconds", (Consumer<ObjectNode>) n -> n.remove("durationInSeconds"), "required"),
                Arguments.of("durationInSeconds", (Consumer<ObjectNode>) n -> n.put("durationInSeconds", 0), "between 1"),
                Arguments.of("fileSize", (Consumer<ObjectNode>) n -> n.remove("fileSize"), "required"),
                Arguments.of("fileSize", (Consumer<ObjectNode>) n -> n.put("fileSize", 0), "greater than 0"),
                Arguments.of("fileSize", (Consumer<ObjectNode>) n -> n.put("fileSize", -5), "greater than 0"),
                Arguments.of("fileSize", (Consumer<ObjectNode>) n -> n.put("fileSize", MAX + 1), "at most " + MAX),
                Arguments.of("fileSize", (Consumer<ObjectNode>) n -> n.put("fileSize", "1234567"), "wrong JSON type"),
                Arguments.of("fileSize", (Consumer<ObjectNode>) n -> n.put("fileSize", 12.5), "wrong JSON type"),
                Arguments.of("expectedBlocks", (Consumer<ObjectNode>) n -> n.put("expectedBlocks", 0), "between 1"),
                Arguments.of("expectedBlocks", (Consumer<ObjectNode>) n -> n.put("fileSize", 5L << 20).put("expectedBlocks", 2),
                        "at least 3"),
                Arguments.of("expectedBlocks", (Consumer<ObjectNode>) n -> n.put("fileSize", 3).put("expectedBlocks", 4),
                        "must not exceed fileSize"),
                Arguments.of("expectedBlocks", (Consumer<ObjectNode>) n -> n.put("fileSize", 3L << 20).remove("expectedBlocks"),
                        "required when fileSize"),
                Arguments.of("type", (Consumer<ObjectNode>) n -> n.remove("type"), "required"),
                Arguments.of("type", (Consumer<ObjectNode>) n -> n.put("type", "Achievement,Bogus"), "must be one of"),
                Arguments.of("type", (Consumer<ObjectNode>) n -> n.put("type", "Achievement,,MagicMoment"), "must be one of"),
                Arguments.of("type", (Consumer<ObjectNode>) n -> n.put("type", "None"), "not valid for an upload"),
                Arguments.of("source", (Consumer<ObjectNode>) n -> n.put("source", "Phone"), "must be one of"),
                Arguments.of("source", (Consumer<ObjectNode>) n -> n.put("source", "None"), "not valid for an upload"),
                Arguments.of("source", (Consumer<ObjectNode>) n -> n.remove("source"), "required"),
                Arguments.of("visibility", (Consumer<ObjectNode>) n -> n.put("visibility", "Friends"), "must be one of"),
                Arguments.of("visibility", (Consumer<ObjectNode>) n -> n.remove("visibility"), "required"),
                Arguments.of("thumbnailSource", (Consumer<ObjectNode>) n -> n.put("thumbnailSource", "Generated"), "must be one of"),
                Arguments.of("thumbnailOffsetMillseconds", (Consumer<ObjectNode>) n -> n.put("thumbnailSource", "Default"),
                        "only with thumbnailSource Offset"),
                Arguments.of("thumbnailOffsetMillseconds", (Consumer<ObjectNode>) n -> n.remove("thumbnailOffsetMillseconds"),
                        "required when thumbnailSource is Offset"),
                Arguments.of("thumbnailOffsetMillseconds", (Consumer<ObjectNode>) n -> n.put("thumbnailOffsetMillseconds", 27001),
                        "durationInSeconds * 1000"),
                Arguments.of("thumbnailOffsetMillseconds", (Consumer<ObjectNode>) n -> n.put("thumbnailOffsetMillseconds", -1),
                        "between 0"),
                Arguments.of("usersInSession", (Consumer<ObjectNode>) n -> n.putArray("usersInSession").add(""), "non-empty"),
                Arguments.of("savedByUser", (Consumer<ObjectNode>) n -> n.put("savedByUser", "yes"), "wrong JSON type"),
                Arguments.of("greatestMomentId", (Consumer<ObjectNode>) n -> n.put("greatestMomentId", "x".repeat(257)), "at most 256"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badFields")
    void eachBrokenRuleIsA400NamingTheField(String field, Consumer<ObjectNode> change, String rule) {
        ApiException e = refused(body(change));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(field), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    @Test
    void everyProblemIsListed() {
        ApiException e = refused(body(n -> {
            n.put("userCaption", "x".repeat(251));
            n.put("source", "Phone");
        }));
        assertTrue(e.getMessage().contains("userCaption") && e.getMessage().contains("source"), e.getMessage());
    }

    @Test
    void malformedBodies() {
        assertTrue(refused("{\"fileSize\": ").getMessage().startsWith("Malformed JSON"));
        assertTrue(refused("{\"fileSize\": 1} trailing").getMessage().contains("JSON"));
        assertTrue(refused("[]").getMessage().contains("JSON InitialUploadRequest object"));
        assertTrue(refused("").getMessage().contains("JSON InitialUploadRequest object"));
        assertTrue(refused("null").getMessage().contains("JSON InitialUploadRequest object"));
        String outOfRange = refused("{\"fileSize\": 99999999999999999999999}").getMessage();
        assertTrue(outOfRange.contains("fileSize"), outOfRange);
    }

    @Test
    void configuredMaximumApplies() {
        ApiException e = assertThrows(ApiException.class,
                () -> new InitialUploadValidator(1_000_000, MAX_BLOCKS, MAX_BLOCK_BYTES).parse(FIXTURE));
        assertTrue(e.getMessage().contains("fileSize must be at most 1000000"), e.getMessage());
    }

    /** A lowered SAVEPOINT_METADATA_CLIPS_MAX_BLOCK_BYTES asks for more blocks up front, instead of refusing them one by one later. */
    @Test
    void theConfiguredBlockLimitDecidesTheFewestBlocks() {
        long threeMiB = 3L << 20;
        assertEquals(2, validator.parse(body(n -> n.put("fileSize", threeMiB).put("expectedBlocks", 2))).expectedBlocks());
        InitialUploadValidator oneMiBBlocks = new InitialUploadValidator(MAX, MAX_BLOCKS, 1L << 20);
        ApiException e = assertThrows(ApiException.class,
                () -> oneMiBBlocks.parse(body(n -> n.put("fileSize", threeMiB).put("expectedBlocks", 2))));
        assertTrue(e.getMessage().contains("expectedBlocks must be at least 3") && e.getMessage().contains("at most 1048576 bytes"),
                e.getMessage());
        assertEquals(3, oneMiBBlocks.parse(body(n -> n.put("fileSize", threeMiB).put("expectedBlocks", 3))).expectedBlocks());
    }
}
