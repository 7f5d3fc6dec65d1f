package io.savepoint.transfer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.testing.AllPeersResource;

/** A block sent after the clip's upload expired is 410 Gone, and is not stored. */
@QuarkusTest
@WithTestResource(value = AllPeersResource.class, initArgs = {
        @ResourceArg(name = "metadata.savepoint.metadata.clips.upload-expiry", value = "2s"),
        // the sweeper must not turn the clip into Error before the block arrives: this test is about the block
        @ResourceArg(name = "metadata.savepoint.metadata.clips.sweep-interval", value = "1h")})
class UploadExpiryTest {

    @ConfigProperty(name = "savepoint.test.metadata-url")
    String metadataUrl;

    @Test
    void aBlockAfterTheUploadExpiredIs410() {
        TestClips.Clip clip = TestClips.start(metadataUrl, "2533274800000501", 2000, 2, n -> {});
        TestClips.sleep(2500);
        TestClips.putBlock(clip, 0, new byte[1000]).then().log().ifValidationFails().statusCode(410)
                .body("errorMessage", containsString("expired"));
        TestClips.as(clip.xuid()).when().get(clip.uploadPath()).then().statusCode(200).body("receivedBlocks", equalTo(List.of()));
    }
}
