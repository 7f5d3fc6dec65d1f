package io.savepoint.storage.titlestorage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobNameTest {

    @Nested
    class Parse {

        @Test
        void splitsPathAndType() {
            BlobName name = BlobName.parse("foo/bar/blob.txt,binary");
            assertThat(name.path()).isEqualTo("foo/bar/blob.txt");
            assertThat(name.type()).isEqualTo(BlobType.BINARY);
            assertThat(name.fileName()).isEqualTo("foo/bar/blob.txt,binary");
        }

        @Test
        void backslashIsNormalizedToSlash() {
            BlobName name = BlobName.parse("foo\\bar\\blob.txt,binary");
            assertThat(name.path()).isEqualTo("foo/bar/blob.txt");
            assertThat(name.fileName()).isEqualTo("foo/bar/blob.txt,binary");
        }

        @Test
        void mixedSeparatorsAreNormalized() {
            assertThat(BlobName.parse("foo\\bar/blob.txt,json").path()).isEqualTo("foo/bar/blob.txt");
        }

        @Test
        void typeIsCaseInsensitiveAndFileNameUsesLowerCase() {
            BlobName name = BlobName.parse("test/sample.json,JSON");
            assertThat(name.type()).isEqualTo(BlobType.JSON);
            assertThat(name.fileName()).isEqualTo("test/sample.json,json");
        }

        @ParameterizedTest
        @CsvSource({
                "lastturn.bin,binary, lastturn.bin, BINARY",
                "test/sample.json,json, test/sample.json, JSON",
                "config.json,config, config.json, CONFIG",
                "saves/slot_1.dat,binary, saves/slot_1.dat, BINARY",
                "a,json, a, JSON",
                "A_Z/a_z/0_9/file-name.v1.2,binary, A_Z/a_z/0_9/file-name.v1.2, BINARY",
                ".hidden,json, .hidden, JSON",
                "-dash,json, -dash, JSON",
                "_/x,json, _/x, JSON"
        })
        void acceptsValidNames(String pathAndFile, String type, String expectedPath, BlobType expectedType) {
            BlobName name = BlobName.parse(pathAndFile + "," + type);
            assertThat(name.path()).isEqualTo(expectedPath);
            assertThat(name.type()).isEqualTo(expectedType);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"foo/bar/blob.txt", "blob.txt.json", "a/b"})
        void refusesNamesWithoutType(String value) {
            ApiErrors.badRequest(() -> BlobName.parse(value), "must end with ,binary, ,json or ,config");
        }

        @Test
        void refusesUnknownType() {
            ApiErrors.badRequest(() -> BlobName.parse("a/b,floppy"), "'floppy'", "binary, json or config");
        }

        @Test
        void refusesEmptyType() {
            ApiErrors.badRequest(() -> BlobName.parse("a/b,"), "binary, json or config");
        }

        @Test
        void typeIsAfterTheLastCommaSoAnEarlierCommaIsABadCharacter() {
            ApiErrors.badRequest(() -> BlobName.parse("a,b,json"), "File name 'a,b'", "','");
        }
    }

    @Nested
    class PathPortion {

        @Test
        void refusesBadCharactersInFolder() {
            ApiErrors.badRequest(() -> BlobName.parse("a b/c,json"), "'a b/c'", "' '", "A-Z a-z 0-9 _ /");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a.b/c", "a-b/c", "é/c", "a:b/c", "a%20/c", "a+b/c"})
        void folderAllowsOnlyLettersDigitsUnderscoreAndSlash(String path) {
            ApiErrors.badRequest(() -> BlobName.parse(path + ",json"), "folder part", "A-Z a-z 0-9 _ /");
        }

        @Test
        void refusesEmptySegment() {
            ApiErrors.badRequest(() -> BlobName.parse("a//b,json"), "'a//b'", "empty segment");
        }

        @Test
        void refusesEmptySegmentFromBackslashes() {
            ApiErrors.badRequest(() -> BlobName.parse("a\\\\b,json"), "'a//b'", "empty segment");
        }

        @Test
        void refusesLeadingSlash() {
            ApiErrors.badRequest(() -> BlobName.parse("/a/b,json"), "'/a/b'", "must not start with '/'");
        }

        @Test
        void refusesLeadingBackslash() {
            ApiErrors.badRequest(() -> BlobName.parse("\\a,json"), "must not start with '/'");
        }

        @Test
        void pathOf256CharactersIsAccepted() {
            String path = "d/".repeat(100) + "f".repeat(56);
            assertThat(path).hasSize(256);
            assertThat(BlobName.parse(path + ",binary").path()).isEqualTo(path);
        }

        @Test
        void pathOf257CharactersIsRefused() {
            String path = "d/".repeat(100) + "f".repeat(57);
            assertThat(path).hasSize(257);
            ApiErrors.badRequest(() -> BlobName.parse(path + ",binary"), "257 characters", "limit is 256");
        }

        @Test
        void lengthLimitDoesNotCountTheTypeSuffix() {
            String path = "f".repeat(256);
            assertThat(BlobName.parse(path + ",config").fileName()).hasSize(256 + ",config".length());
        }

        @Test
        void hugeValueIsTruncatedInTheMessage() {
            String path = "x".repeat(100_000);
            var e = ApiErrors.badRequest(() -> BlobName.parse(path + ",json"), "100000 characters");
            assertThat(e.getMessage()).hasSizeLessThan(1000);
        }
    }

    @Nested
    class FileNamePortion {

        @Test
        void refusesEmptyFileName() {
            ApiErrors.badRequest(() -> BlobName.parse("a/,json"), "'a/'", "empty file name");
        }

        @Test
        void refusesEmptyPath() {
            ApiErrors.badRequest(() -> BlobName.parse(",json"), "must not be empty");
        }

        @Test
        void refusesTrailingDot() {
            ApiErrors.badRequest(() -> BlobName.parse("a/b.,json"), "File name 'b.'", "must not end with '.'");
        }

        @Test
        void refusesLoneDot() {
            ApiErrors.badRequest(() -> BlobName.parse("a/.,json"), "must not end with '.'");
        }

        @Test
        void refusesDoubleDot() {
            ApiErrors.badRequest(() -> BlobName.parse("a/..x,json"), "File name '..x'", "must not contain '..'");
        }

        @Test
        void refusesDoubleDotInTheMiddle() {
            ApiErrors.badRequest(() -> BlobName.parse("a..b,json"), "File name 'a..b' must not contain '..'");
        }

        @Test
        void refusesDotDotAsParentReference() {
            ApiErrors.badRequest(() -> BlobName.parse("a/../b,json"), "folder part");
        }

        @Test
        void refusesSpace() {
            ApiErrors.badRequest(() -> BlobName.parse("a b,json"), "File name 'a b'", "' '", "A-Z a-z 0-9 _ . -");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a*b", "a?b", "a:b", "ä", "a\"b", "a'b", "a~b", "a\tb", "a;b", "a%2Fb"})
        void refusesOtherCharacters(String file) {
            ApiErrors.badRequest(() -> BlobName.parse("dir/" + file + ",json"), "A-Z a-z 0-9 _ . -");
        }

        @Test
        void singleDotsAreFine() {
            assertThat(BlobName.parse("a/b.c.d,json").path()).isEqualTo("a/b.c.d");
        }
    }

    @Nested
    class Constructor {

        @Test
        void validatesAndNormalizesLikeParse() {
            assertThat(new BlobName("x\\y.bin", BlobType.BINARY).path()).isEqualTo("x/y.bin");
            ApiErrors.badRequest(() -> new BlobName("x/y.", BlobType.BINARY), "must not end with '.'");
        }

        @Test
        void toStringIsTheFileName() {
            assertThat(new BlobName("x/y.bin", BlobType.BINARY)).hasToString("x/y.bin,binary");
        }
    }

    @Nested
    class Prefix {

        @ParameterizedTest
        @NullAndEmptySource
        void emptyMeansEverything(String value) {
            assertThat(BlobName.parsePrefix(value)).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
                "foo, foo",
                "foo/, foo/",
                "foo/bar, foo/bar",
                "/foo, foo",
                "//foo, foo",
                "/, ''",
                "foo\\bar, foo/bar",
                "\\foo\\, foo/",
                "A_z/0_9, A_z/0_9",
                "saves/slot_1.j, saves/slot_1.j",
                "a-b/c.json, a-b/c.json"
        })
        void normalizes(String value, String expected) {
            assertThat(BlobName.parsePrefix(value)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"foo bar", "foo,json", "é", "50%", "a*b", "a\u0000b"})
        void allowsOnlyTheBlobNameAlphabet(String value) {
            ApiErrors.badRequest(() -> BlobName.parsePrefix(value), "List path", "A-Z a-z 0-9 _ . - /");
        }

        @Test
        void lengthLimitIs256() {
            assertThat(BlobName.parsePrefix("p".repeat(256))).hasSize(256);
            ApiErrors.badRequest(() -> BlobName.parsePrefix("p".repeat(257)), "257 characters", "limit is 256");
        }

        @Test
        void isAPlainStringPrefix() {
            BlobName blob = BlobName.parse("foobar/x.bin,binary");
            assertThat(blob.isUnder(BlobName.parsePrefix("foo"))).isTrue();
            assertThat(blob.isUnder(BlobName.parsePrefix("foobar/"))).isTrue();
            assertThat(blob.isUnder(BlobName.parsePrefix("foo/"))).isFalse();
            assertThat(blob.isUnder(BlobName.parsePrefix(""))).isTrue();
            assertThat(BlobName.parse("foo/x,json").isUnder("foo")).isTrue();
            assertThat(BlobName.parse("foo/sub/deep/x,json").isUnder("foo/")).as("recursive").isTrue();
        }
    }
}
