package io.savepoint.storage.titlestorage;

import static io.savepoint.storage.titlestorage.TitleStorageTest.as;
import static io.savepoint.storage.titlestorage.TitleStorageTest.bytes;
import static io.savepoint.storage.titlestorage.TitleStorageTest.data;
import static io.savepoint.storage.titlestorage.TitleStorageTest.newXuid;
import static io.savepoint.storage.titlestorage.TitleStorageTest.xsapi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.savepoint.testing.MetadataPeerResource;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.SpecData;

/**
 * Lists (spec B.2) by every kind of prefix a client sends, over names drawn from the whole B.7 alphabet: folders with
 * {@code _} (XSAPI lists save folders such as {@code save_slot_1/}), {@code .} and {@code -} in file names, mixed case,
 * {@code \} as separator, a prefix that is a whole file name and one that ends inside a name. What each list returns
 * is checked against a plain string-prefix filter of what was stored.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_storage"))
@WithTestResource(MetadataPeerResource.class)
class TitleStorageListTest {

    private static final long SEED = Long.getLong("savepoint.test.seed", 0x5AFE_0016L);

    private final SpecData specData = new SpecData(SEED);
    private final String xuid = newXuid();
    private final String base = data("universalplatform", xuid);
    private final Set<String> stored = new TreeSet<>();

    /** Once per class (the blobs are only read); in a BeforeEach because Quarkus sets RestAssured's port per test. */
    @BeforeEach
    void storeBlobs() {
        if (!stored.isEmpty()) {
            return;
        }
        List<String> paths = new ArrayList<>(List.of("hx_1/trustedplatform/save.json", "hxA1/trustedplatform/decoy.bin",
                "save_slot_1/profile.sav", "saveXslot_1/decoy.sav", "Mixed/Case-1.bin", "mixed/case-1.bin", "a.b-c_d"));
        for (int i = 0; i < 30; i++) {
            paths.add(specData.blobPath());
        }
        for (String path : paths) {
            if (stored.add(path)) {
                xsapi(xuid).body(bytes(3)).put(base + path + ",binary?finalBlock=true").then().statusCode(201);
            }
        }
    }

    @Test
    void everyPrefixListsExactlyTheNamesItStarts() {
        Set<String> prefixes = new LinkedHashSet<>(List.of("hx_1", "hx_1/trustedplatform", "hx_1/trustedplatform/", "save_slot_1",
                "save_", "Mixed", "mixed/", "a.b-c_d", "a.b-", "hx"));
        for (String path : stored) {
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                prefixes.add(path.substring(0, slash));
                prefixes.add(path.substring(0, slash + 1));
            }
            prefixes.add(path);
            prefixes.add(path.substring(0, 1 + specData.random().nextInt(path.length())));
        }
        for (String prefix : prefixes) {
            List<String> expected = stored.stream().filter(name -> name.startsWith(prefix)).map(name -> name + ",binary").toList();
            assertThat(list(prefix)).as("list of '%s' (seed %d)", prefix, SEED).containsExactlyElementsOf(expected);
            assertThat(list(prefix.replace("/", "%5C"))).as("list of '%s' with \\ separators (seed %d)", prefix, SEED)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void wildcardsOfSqlAreRefusedNotExpanded() {
        for (String prefix : List.of("hx%25", "%25", "hx*", "hx_1%2F%25")) {
            as(xuid).urlEncodingEnabled(false).get(base + prefix).then().statusCode(400)
                    .body("errorMessage", containsString("A-Z a-z 0-9 _ . - /"));
        }
    }

    /** Every name under {@code prefix}, following continuation tokens, checking totalItems against the names seen. */
    private List<String> list(String prefix) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            Response page = as(xuid).urlEncodingEnabled(false).queryParam("maxItems", 7)
                    .queryParam("continuationToken", token == null ? "" : token).get(base + prefix);
            page.then().statusCode(200);
            names.addAll(page.path("blobs.fileName"));
            token = page.path("pagingInfo.continuationToken");
            if (token == null) {
                int total = page.path("pagingInfo.totalItems");
                assertThat(total).as("totalItems of '%s'", prefix).isEqualTo(names.size());
            }
        } while (token != null);
        return names;
    }
}
